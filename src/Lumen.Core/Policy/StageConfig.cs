namespace Lumen.Core.Policy;

/// <summary>One stage of <c>stage_matrix.yaml</c> (e.g. <c>dev</c>, <c>staging</c>, <c>prod</c>).</summary>
public sealed record StageConfig(string Name, StageEndpoints Endpoints, StagePolicy Policy, Slo Slo);
