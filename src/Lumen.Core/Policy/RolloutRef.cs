namespace Lumen.Core.Policy;

/// <summary>One Flagger canary or Argo rollout, by namespace and name, as written in <c>services.yaml</c> (<c>NAMESPACE/NAME</c>).</summary>
public readonly record struct RolloutRef(RolloutTool Tool, string Namespace, string Name)
{
    public override string ToString() => $"{Tool.ToString().ToLowerInvariant()} {Namespace}/{Name}";
}
