using System.Security.Cryptography;

namespace Lumen.Core.Ledger;

/// <summary>
/// Signs and checks head checkpoints with ECDSA P-256 over SHA-256. The signature is DER
/// (RFC 3279 <c>Ecdsa-Sig-Value</c>) in base64, so <c>openssl dgst -sha256 -verify</c> can check
/// it too (docs/ledger.md shows how). The key is passed in; reading key files is the caller's I/O.
/// </summary>
public static class LedgerCheckpointSigner
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Returns the checkpoint with its signature set.</summary>
    public static LedgerCheckpoint Sign(LedgerCheckpoint checkpoint, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        EnsureP256(privateKey);
        var signature = privateKey.SignData(LedgerCheckpointFormat.SignedPayload(checkpoint), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return checkpoint with { Signature = Convert.ToBase64String(signature) };
    }

    /// <summary>True when the checkpoint carries a valid signature by <paramref name="publicKey"/>.</summary>
    public static bool Verify(LedgerCheckpoint checkpoint, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        EnsureP256(publicKey);
        if (checkpoint.Signature is null)
        {
            return false;
        }

        var signature = new byte[checkpoint.Signature.Length];
        if (!Convert.TryFromBase64String(checkpoint.Signature, signature, out var length))
        {
            return false;
        }

        return publicKey.VerifyData(LedgerCheckpointFormat.SignedPayload(checkpoint), signature.AsSpan(0, length),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the key is on the NIST P-256 curve.</summary>
    public static void EnsureP256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var oid = key.ExportParameters(includePrivateParameters: false).Curve.Oid;
        if (oid?.Value != P256Oid && oid?.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1"))
        {
            throw new ArgumentException($"the ledger key must be ECDSA P-256, not {oid?.FriendlyName ?? oid?.Value ?? "unknown"}",
                nameof(key));
        }
    }
}
