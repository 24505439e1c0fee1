namespace Lumen.Adapters.LedgerStore;

/// <summary>Splits a stream into lines on <c>\n</c> without decoding them, reusing one buffer. A line
/// longer than <see cref="MaxLineLength"/> is yielded once, empty and marked <see cref="LedgerLine.TooLong"/>,
/// and reading stops: memory stays bounded whatever the file holds.</summary>
internal static class LedgerLineReader
{
    /// <summary>The longest ledger line read (4 MiB; entries are a few hundred bytes to a few KiB).</summary>
    public const int MaxLineLength = 4 * 1024 * 1024;

    /// <summary>Reads lines from the stream's current position up to <paramref name="limit"/> bytes.</summary>
    public static IEnumerable<LedgerLine> Read(Stream stream, long limit = long.MaxValue, int bufferSize = 1 << 16, int maxLineLength = MaxLineLength)
    {
        var buffer = new byte[bufferSize];
        int start = 0, end = 0, scanned = 0;
        long offset = 0, number = 0, remaining = limit;
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned - start + newline;
                if (length > maxLineLength)
                {
                    yield return new LedgerLine(++number, offset, ReadOnlyMemory<byte>.Empty, Terminated: true) { TooLong = true };
                    yield break;
                }

                yield return new LedgerLine(++number, offset, buffer.AsMemory(start, length), Terminated: true);
                start += length + 1;
                scanned = start;
                offset += length + 1;
                continue;
            }

            scanned = end;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }

            if (end - start > maxLineLength)
            {
                yield return new LedgerLine(++number, offset, ReadOnlyMemory<byte>.Empty, Terminated: false) { TooLong = true };
                yield break;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, checked(buffer.Length * 2));
            }

            var read = remaining <= 0 ? 0 : stream.Read(buffer, end, (int)Math.Min(buffer.Length - end, remaining));
            if (read == 0)
            {
                if (end > start)
                {
                    yield return new LedgerLine(++number, offset, buffer.AsMemory(start, end - start), Terminated: false);
                }

                yield break;
            }

            end += read;
            remaining -= read;
        }
    }
}
