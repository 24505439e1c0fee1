using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Run a program (argv, no shell) with the knob and value.</summary>
public sealed record CommandExecutorSpec(ImmutableArray<string> Command, int TimeoutMs) : ExecutorSpec
{
    public const int DefaultTimeoutMs = 10_000;

    public override string Kind => ExecutorKinds.Command;
}
