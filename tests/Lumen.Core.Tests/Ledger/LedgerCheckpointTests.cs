using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class LedgerCheckpointTests
{
    private static readonly LedgerCheckpoint Checkpoint = new(42, new string('a', 64), LedgerFixture.Start);

    [Fact]
    public void Serialize_Unsigned_IsTheDocumentedForm()
    {
        var text = LedgerFixture.Text(LedgerCheckpointFormat.Serialize(Checkpoint));

        Assert.Equal($"{{\"seq\":42,\"hash\":\"{new string('a', 64)}\",\"ts\":\"2025-11-25T18:00:00.000Z\"}}\n", text);
        Assert.Equal(text.TrimEnd('\n'), LedgerFixture.Text(LedgerCheckpointFormat.SignedPayload(Checkpoint)));
    }

    [Fact]
    public void TryParse_SerializedSigned_RoundTrips()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = LedgerCheckpointSigner.Sign(Checkpoint, key);

        Assert.True(LedgerCheckpointFormat.TryParse(LedgerCheckpointFormat.Serialize(signed), out var parsed, out var error), error);
        Assert.Equal(signed, parsed);
        Assert.True(LedgerCheckpointSigner.Verify(parsed!, key));
    }

    [Fact]
    public void Verify_ChangedSeqOrOtherKeyOrNoSignature_IsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = LedgerCheckpointSigner.Sign(Checkpoint, key);

        Assert.False(LedgerCheckpointSigner.Verify(signed with { Seq = 41 }, key));
        Assert.False(LedgerCheckpointSigner.Verify(signed, other));
        Assert.False(LedgerCheckpointSigner.Verify(Checkpoint, key));
        Assert.False(LedgerCheckpointSigner.Verify(signed with { Signature = "not base64!" }, key));
    }

    [Fact]
    public void Sign_KeyOnAnotherCurve_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => LedgerCheckpointSigner.Sign(Checkpoint, key));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"seq":-1,"hash":"00","ts":"2025-11-25T18:00:00.000Z"}""")]
    [InlineData("not json")]
    public void TryParse_Invalid_IsFalseWithReason(string text)
    {
        Assert.False(LedgerCheckpointFormat.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.NotNull(error);
    }
}
