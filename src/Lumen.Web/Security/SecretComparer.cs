using System.Security.Cryptography;
using System.Text;

namespace Lumen.Web.Security;

/// <summary>Compares a given secret with the expected one in constant time (over their SHA-256, so lengths do not leak either).</summary>
public sealed class SecretComparer(string secret)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _hash);
}
