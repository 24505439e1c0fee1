namespace Lumen.Core.Policy;

/// <summary>The knobs live in the embedded simulator; no settings.</summary>
public sealed record SimExecutorSpec : ExecutorSpec
{
    public override string Kind => ExecutorKinds.Sim;
}
