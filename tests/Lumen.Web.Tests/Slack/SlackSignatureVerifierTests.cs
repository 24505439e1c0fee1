using System.Text;
using Lumen.Adapters.Slack;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Web.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    // The worked example of https://api.slack.com/authentication/verifying-requests-from-slack.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureVerifier At(long unixSeconds) =>
        new(Encoding.UTF8.GetBytes(Secret), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Header_SlackDocumentationExample_Matches()
    {
        Assert.Equal(Expected, SlackSignatureVerifier.Header(Encoding.UTF8.GetBytes(Secret), Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_DocumentationExampleWithinWindow_Valid()
    {
        Assert.Equal(SlackVerification.Valid, At(1531420618 + 300).Verify(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_TimestampMoreThan300SecondsOff_Stale(long offset)
    {
        Assert.Equal(SlackVerification.Stale, At(1531420618 + offset).Verify(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_OneBitFlipped_Forged()
    {
        var forged = Expected[..^1] + "2";

        Assert.Equal(SlackVerification.Forged, At(1531420618).Verify(Timestamp, forged, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null, Expected)]
    [InlineData(Timestamp, null)]
    [InlineData("12a", Expected)]
    [InlineData(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(Timestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Verify_MissingOrMalformedHeader_Malformed(string? timestamp, string? signature)
    {
        Assert.Equal(SlackVerification.Malformed, At(1531420618).Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body)));
    }
}
