using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class LedgerChainVerifierTests
{
    private static readonly List<LedgerEntry> Entries = LedgerFixture.Entries(12);
    private static readonly List<byte[]> Lines = LedgerFixture.Lines(Entries);
    private static readonly byte[] Valid = LedgerFixture.File(Lines);

    private static LedgerCheckpoint HeadOf(int seq) => new(seq, Entries[seq - 1].Hash, LedgerFixture.Start);

    [Fact]
    public void Verify_ValidLedgerWithHead_Passes()
    {
        Assert.Null(LedgerFixture.Verify(Valid, HeadOf(12)));
        Assert.Null(LedgerFixture.Verify([]));
    }

    [Fact]
    public void TryAcceptLinkedRun_SeqsThatDoNotAddUpOrTheHeadInside_AcceptNothing()
    {
        using var verifier = new LedgerChainVerifier(HeadOf(8));
        Assert.True(verifier.TryAccept(Lines[0], terminated: true));
        var hashOf = (int seq) => System.Text.Encoding.ASCII.GetBytes(Entries[seq - 1].Hash);

        Assert.False(verifier.TryAcceptLinkedRun(3, 5, hashOf(5)));
        Assert.False(verifier.TryAcceptLinkedRun(0, 1, hashOf(1)));
        Assert.False(verifier.TryAcceptLinkedRun(7, 8, hashOf(8)));
        Assert.Equal((1L, 1L), (verifier.Lines, verifier.LastSeq));

        Assert.True(verifier.TryAcceptLinkedRun(6, 7, hashOf(7)));
        Assert.Equal((7L, 7L, Entries[6].Hash), (verifier.Lines, verifier.LastSeq, verifier.LastHash));
        Assert.True(verifier.TryAccept(Lines[7], terminated: true));
        Assert.True(verifier.TryAcceptLinkedRun(4, 12, hashOf(12)));
        Assert.Null(verifier.Complete());
    }

    [Fact]
    public void Verify_HeadBehindTheEnd_Passes()
    {
        // The head is written after appends, so after a crash it may lag the ledger.
        Assert.Null(LedgerFixture.Verify(Valid, HeadOf(7)));
    }

    [Property(MaxTest = 2000)]
    public Property Verify_AnyByteFlipped_FailsAtThatLine(NonNegativeInt position, byte mask)
    {
        var tampered = (byte[])Valid.Clone();
        var at = position.Get % tampered.Length;
        tampered[at] ^= mask == 0 ? (byte)1 : mask;

        var failure = LedgerFixture.Verify(tampered);

        return (failure is not null && failure.Line == LedgerFixture.LineOf(Valid, at))
            .Label($"byte {at} ^ {mask}: {failure?.ToString() ?? "not detected"}");
    }

    [Fact]
    public void Verify_MiddleLineDeleted_ReportsSeqGapAtThatLine()
    {
        var failure = LedgerFixture.Verify(LedgerFixture.File(Lines.Where((_, i) => i != 4)));

        Assert.Equal(new LedgerVerifyFailure(5, LedgerFaultKind.SeqGap, failure!.Reason), failure);
        Assert.Contains("expected seq 5, found seq 6", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TwoLinesSwapped_FailsAtTheFirst()
    {
        var swapped = Lines.ToList();
        (swapped[3], swapped[8]) = (swapped[8], swapped[3]);

        var failure = LedgerFixture.Verify(LedgerFixture.File(swapped));

        Assert.Equal((4L, LedgerFaultKind.SeqGap), (failure!.Line, failure.Kind));
    }

    [Fact]
    public void Verify_LineDuplicated_Fails()
    {
        var duplicated = Lines.ToList();
        duplicated.Insert(6, Lines[5]);

        Assert.Equal(7, LedgerFixture.Verify(LedgerFixture.File(duplicated))!.Line);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void Verify_LastLinesDeleted_DetectedOnlyWithTheHead(int deleted)
    {
        var cut = LedgerFixture.File(Lines.Take(12 - deleted));

        var withHead = LedgerFixture.Verify(cut, HeadOf(12));

        Assert.Null(LedgerFixture.Verify(cut));
        Assert.Equal((13L - deleted, LedgerFaultKind.Truncated), (withHead!.Line, withHead.Kind));
    }

    [Fact]
    public void Verify_HeadHashDiffers_ReportsHeadMismatchAtThatSeq()
    {
        var head = HeadOf(9) with { Hash = Entries[2].Hash };

        var failure = LedgerFixture.Verify(Valid, head);

        Assert.Equal((9L, LedgerFaultKind.HeadMismatch), (failure!.Line, failure.Kind));
    }

    [Fact]
    public void Verify_RewrittenChainFromTheMiddle_IsCaughtByTheHead()
    {
        // An attacker who re-seals every entry from seq 6 on gets a self-consistent chain; the head catches it.
        var forged = Entries.Take(5).ToList();
        foreach (var entry in Entries.Skip(5))
        {
            var draft = new LedgerDraft(entry.Kind, entry.Stage, "forged", entry.Actor, entry.Data);
            forged.Add(LedgerCanonical.Seal(draft, entry.Seq, entry.Ts, forged[^1].Hash));
        }

        var file = LedgerFixture.File(LedgerFixture.Lines(forged));

        Assert.Null(LedgerFixture.Verify(file));
        Assert.Equal(LedgerFaultKind.HeadMismatch, LedgerFixture.Verify(file, HeadOf(12))!.Kind);
    }

    [Fact]
    public void Verify_LastLineWithoutNewline_ReportsTornLine()
    {
        var torn = Valid[..^1];

        var failure = LedgerFixture.Verify(torn);

        Assert.Equal((12L, LedgerFaultKind.TornLine), (failure!.Line, failure.Kind));
    }

    [Fact]
    public void Verify_ReformattedLine_ReportsNotCanonical()
    {
        var spaced = Lines.ToList();
        spaced[1] = [.. "{ "u8, .. spaced[1].AsSpan(1)];

        var failure = LedgerFixture.Verify(LedgerFixture.File(spaced));

        Assert.Equal((2L, LedgerFaultKind.NotCanonical), (failure!.Line, failure.Kind));
    }

    [Fact]
    public void TryAccept_AfterFailure_Throws()
    {
        using var verifier = new LedgerChainVerifier();
        Assert.False(verifier.TryAccept("nope"u8.ToArray(), terminated: true, out _));

        Assert.Throws<InvalidOperationException>(() => verifier.TryAccept(Lines[0], terminated: true, out _));
    }
}
