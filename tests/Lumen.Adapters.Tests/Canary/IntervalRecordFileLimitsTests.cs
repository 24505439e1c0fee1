using System.Text;
using Lumen.Adapters.Canary;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Tests.Canary;

/// <summary>A records file is read with bounded memory: a huge line stops the read early and is never shown.</summary>
public sealed class IntervalRecordFileLimitsTests
{
    private const string Good = """{"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":10,"errors":0,"latency_le":{"0.1":9,"+Inf":10}}""";

    [Fact]
    public void Read_60MegabyteLine_FailsAfterReadingAboutTheLimitAndDoesNotShowIt()
    {
        using var stream = new HugeLineStream(Encoding.ASCII.GetBytes(Good + "\n{\"ts\":\""), 60L * 1024 * 1024, (byte)'A');

        var result = IntervalRecordFile.Read("records.jsonl", stream);

        Assert.False(result.IsOk);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("records.jsonl:2: expected a record line of at most 65536 bytes", error, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAA", error, StringComparison.Ordinal);
        Assert.True(stream.BytesRead <= 3 * IntervalRecordParser.MaxLineLength, $"read {stream.BytesRead} bytes of 60 MB");
    }

    [Fact]
    public void Read_LineJustUnderTheLimit_ParsedAndItsValueCut()
    {
        var line = "{\"ts\":\"" + new string('B', IntervalRecordParser.MaxLineLength - 100) + "\",\"service\":\"checkout\",\"track\":\"canary\",\"requests\":1,\"errors\":0,\"latency_le\":{\"+Inf\":1}}";
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(Good + "\n" + line + "\n"));

        var result = IntervalRecordFile.Read("records.jsonl", stream);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("records.jsonl:2: ts: expected an RFC 3339 time", error, StringComparison.Ordinal);
        Assert.Contains("(65436 characters)", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public void Read_GoodRecordsWithCrlfAndBlankLines_ShaIsOfTheBytes()
    {
        var bytes = Encoding.ASCII.GetBytes(Good + "\r\n\n" + Good);
        using var stream = new MemoryStream(bytes);

        var result = IntervalRecordFile.Read("records.jsonl", stream);

        Assert.True(result.IsOk, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Records.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), result.Sha256);
    }

    /// <summary>A prefix, then <c>length</c> copies of one byte, produced on demand (never held in memory); counts what was read.</summary>
    private sealed class HugeLineStream(byte[] prefix, long length, byte fill) : Stream
    {
        private long _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, Length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < prefix.Length ? prefix[at] : fill;
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
