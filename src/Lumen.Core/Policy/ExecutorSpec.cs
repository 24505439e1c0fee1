namespace Lumen.Core.Policy;

/// <summary>How one track's knobs are set. One subtype per <see cref="ExecutorKinds">kind</see>.</summary>
public abstract record ExecutorSpec
{
    /// <summary>The kind as written in the config (<c>sim</c>, <c>http</c>, <c>file</c>, <c>command</c>).</summary>
    public abstract string Kind { get; }
}
