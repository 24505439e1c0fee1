using System.Security.Cryptography;

namespace Lumen.Adapters.Release;

/// <summary>
/// Signatures in the format <c>cosign sign-blob --key</c> writes and <c>cosign verify-blob --key</c>
/// reads: ECDSA P-256 over the SHA-256 of the file, the signature DER-encoded (RFC 3279) and then
/// base64'd on one line. <c>openssl dgst -sha256 -verify pub.pem -signature &lt;(base64 -d X.sig) X</c>
/// checks the same bytes.
/// </summary>
public static class BlobSignature
{
    /// <summary>Signs the file's bytes; returns the base64 text of the DER signature.</summary>
    public static string Sign(ECDsa key, string path)
    {
        using var stream = File.OpenRead(path);
        var der = key.SignData(stream, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Convert.ToBase64String(der);
    }

    /// <summary>True when <paramref name="signatureText"/> (base64 DER, surrounding white space allowed)
    /// is a valid signature of the file by <paramref name="key"/>; false on any malformed signature.</summary>
    public static bool Verify(ECDsa key, string path, string signatureText)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(signatureText.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        try
        {
            return key.VerifyData(stream, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
