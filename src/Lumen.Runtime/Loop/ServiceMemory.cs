using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Policy;

namespace Lumen.Runtime.Loop;

/// <summary>What the loop remembers about one service between ticks: its history, its bandit, the last reward.</summary>
internal sealed class ServiceMemory(ServiceConfig service, SliHistory history, LinUcbModel bandit)
{
    public ServiceConfig Service { get; } = service;

    public SliHistory History { get; } = history;

    public LinUcbModel Bandit { get; set; } = bandit;

    /// <summary>The last learning signal r (published as lumen_bandit_reward); null before the first.</summary>
    public double? LastReward { get; set; }

    /// <summary>The hold decision whose reward is due at its settle time; at most one at a time per service.</summary>
    public PendingHold? PendingHold { get; set; }
}
