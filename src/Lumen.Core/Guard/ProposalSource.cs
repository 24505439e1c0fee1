namespace Lumen.Core.Guard;

/// <summary>Who proposed a change. Rules are judged before the bandit, so they win on a shared knob.</summary>
public enum ProposalSource
{
    Rules = 0,
    Bandit = 1,
}
