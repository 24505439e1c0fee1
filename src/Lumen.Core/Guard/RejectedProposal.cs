namespace Lumen.Core.Guard;

/// <summary>A proposal the guard refused: a machine code and the reason in plain words.</summary>
public sealed record RejectedProposal(Proposal Proposal, RejectionCode Code, string Reason)
{
    /// <summary>The stable snake_case code written to logs and the ledger.</summary>
    public string CodeName => Code.ToCodeName();
}
