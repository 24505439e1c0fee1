using System.Buffers;
using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// The head file's text: <c>{"seq":N,"hash":"…","ts":"…","signature":"…"}</c> and a newline, in
/// the same canonical JSON as the ledger; <c>signature</c> is left out when unsigned. The signed
/// payload is the same object without <c>signature</c> and without newline.
/// </summary>
public static class LedgerCheckpointFormat
{
    /// <summary>The bytes that are signed: <c>{"seq":N,"hash":"…","ts":"…"}</c>.</summary>
    public static byte[] SignedPayload(LedgerCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var output = new ArrayBufferWriter<byte>(128);
        WriteFields(output, checkpoint);
        CanonicalJson.Raw(output, "}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The whole head file, newline included.</summary>
    public static byte[] Serialize(LedgerCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var output = new ArrayBufferWriter<byte>(256);
        WriteFields(output, checkpoint);
        if (checkpoint.Signature is not null)
        {
            CanonicalJson.Raw(output, ",\"signature\":"u8);
            CanonicalJson.WriteString(output, checkpoint.Signature);
        }

        CanonicalJson.Raw(output, "}\n"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses a head file; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> text, out LedgerCheckpoint? checkpoint, out string? error)
    {
        checkpoint = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("seq", out var seqValue) || !seqValue.TryGetInt64(out var seq) || seq < 0
                || !root.TryGetProperty("hash", out var hashValue) || hashValue.ValueKind != JsonValueKind.String
                || !LedgerHash.IsWellFormed(hashValue.GetString()!)
                || !root.TryGetProperty("ts", out var tsValue) || tsValue.ValueKind != JsonValueKind.String
                || !LedgerTime.TryParse(tsValue.GetString()!, out var ts))
            {
                error = "the head file needs seq (integer >= 0), hash (64 lowercase hex digits) and ts";
                return false;
            }

            string? signature = null;
            if (root.TryGetProperty("signature", out var signatureValue))
            {
                if (signatureValue.ValueKind != JsonValueKind.String)
                {
                    error = "the head file's signature is not a string";
                    return false;
                }

                signature = signatureValue.GetString();
            }

            checkpoint = new LedgerCheckpoint(seq, hashValue.GetString()!, ts, signature);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            error = $"the head file is not valid JSON ({e.Message})";
            return false;
        }
    }

    private static void WriteFields(IBufferWriter<byte> output, LedgerCheckpoint checkpoint)
    {
        CanonicalJson.Raw(output, "{\"seq\":"u8);
        CanonicalJson.WriteInteger(output, checkpoint.Seq);
        CanonicalJson.Raw(output, ",\"hash\":"u8);
        CanonicalJson.WriteString(output, checkpoint.Hash);
        CanonicalJson.Raw(output, ",\"ts\":"u8);
        CanonicalJson.WriteString(output, LedgerTime.ToText(checkpoint.Ts));
    }
}
