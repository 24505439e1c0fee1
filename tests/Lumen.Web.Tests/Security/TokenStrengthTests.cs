using Lumen.Web.Security;

namespace Lumen.Web.Tests.Security;

public sealed class TokenStrengthTests
{
    [Theory]
    [InlineData("changeme")]
    [InlineData("console-token-for-tests")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abababababababababababababababababababab")]
    [InlineData("abcabcabcabcabcabcabcabcabcabcabcabcabcabc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcdefghijk")]
    [InlineData("8c1f0e3a9b7d4e6f 2a5c8b1d0e9f7a3c4")]
    public void Check_WeakToken_RefusedWithoutQuotingIt(string token)
    {
        var error = TokenStrength.Check("LUMEN_CONSOLE_TOKEN", token);

        Assert.NotNull(error);
        Assert.StartsWith("LUMEN_CONSOLE_TOKEN: the token is too weak", error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RandomHexTokens_AllAccepted()
    {
        var random = new Random(12);
        for (var i = 0; i < 10_000; i++)
        {
            var token = Convert.ToHexStringLower(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());

            Assert.Null(TokenStrength.Check("T", token));
        }
    }
}
