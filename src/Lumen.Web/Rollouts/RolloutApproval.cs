namespace Lumen.Web.Rollouts;

/// <summary>The approval part of a confirm-promotion answer: whether the stage requires one, the request and its status
/// (<c>not_required</c>, <c>approved</c>, <c>waiting</c>, <c>requested</c>, <c>rejected</c>).</summary>
internal sealed record RolloutApproval(bool Required, string? Id, string Status, string Reason);
