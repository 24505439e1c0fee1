using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>Loads ECDSA P-256 keys from PEM files (<c>openssl ecparam -name prime256v1 -genkey</c>).</summary>
public static class LedgerKeys
{
    /// <summary>Reads a PEM private key (SEC1 "EC PRIVATE KEY" or PKCS#8 "PRIVATE KEY").</summary>
    public static ECDsa LoadPrivateKey(string path) => Load(path, requirePrivate: true);

    /// <summary>Reads a PEM public key ("PUBLIC KEY"); a private key file works too.</summary>
    public static ECDsa LoadPublicKey(string path) => Load(path, requirePrivate: false);

    private static ECDsa Load(string path, bool requirePrivate)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            LedgerCheckpointSigner.EnsureP256(key);
            if (requirePrivate)
            {
                // Throws when the PEM held only a public key.
                _ = key.ExportParameters(includePrivateParameters: true);
            }

            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException($"{path}: not a usable ECDSA P-256 {(requirePrivate ? "private" : "public")} key " +
                $"in PEM form ({e.Message})", nameof(path), e);
        }
    }
}
