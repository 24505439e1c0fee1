using System.Globalization;
using System.Text;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

/// <summary>Builds seeded in-memory ledgers and runs the verifier over raw bytes.</summary>
internal static class LedgerFixture
{
    public static readonly DateTimeOffset Start = new(2025, 11, 25, 18, 0, 0, TimeSpan.Zero);

    public static List<LedgerEntry> Entries(int count, int seed = 42)
    {
        var random = new Random(seed);
        var entries = new List<LedgerEntry>(count);
        var prev = LedgerHash.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var data = LedgerData.Parse(string.Create(CultureInfo.InvariantCulture,
                $$"""{"knob":"pool_{{random.Next(100)}}","to":{{random.NextDouble() * 100}},"from":{{random.Next(-50, 50)}},"note":"é\t\"{{(char)random.Next(0x23, 0x5b)}}","list":[true,null,{"b":1,"a":2}]}"""));
            var kind = LedgerKinds.All[random.Next(LedgerKinds.All.Count)];
            var entry = LedgerCanonical.Seal(new LedgerDraft(kind, i % 3 == 0 ? null : "dev", "checkout", "loop", data),
                i, Start.AddSeconds(i * 30), prev);
            entries.Add(entry);
            prev = entry.Hash;
        }

        return entries;
    }

    public static List<byte[]> Lines(IEnumerable<LedgerEntry> entries) => entries.Select(LedgerCanonical.Serialize).ToList();

    public static byte[] File(IEnumerable<byte[]> lines)
    {
        var output = new List<byte>();
        foreach (var line in lines)
        {
            output.AddRange(line);
            output.Add((byte)'\n');
        }

        return [.. output];
    }

    public static LedgerVerifyFailure? Verify(byte[] file, LedgerCheckpoint? checkpoint = null)
    {
        using var verifier = new LedgerChainVerifier(checkpoint);
        var start = 0;
        while (start < file.Length)
        {
            var newline = Array.IndexOf(file, (byte)'\n', start);
            var terminated = newline >= 0;
            var end = terminated ? newline : file.Length;
            if (!verifier.TryAccept(file.AsMemory(start, end - start), terminated, out _))
            {
                return verifier.Failure;
            }

            start = end + 1;
        }

        return verifier.Complete();
    }

    /// <summary>The 1-based line that holds byte <paramref name="position"/> of the file.</summary>
    public static long LineOf(byte[] file, int position) => 1 + file.AsSpan(0, position).Count((byte)'\n');

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
