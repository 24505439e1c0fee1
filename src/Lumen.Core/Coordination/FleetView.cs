using System.Collections.Immutable;

namespace Lumen.Core.Coordination;

/// <summary>
/// The whole fleet as the coordination engine shows it, read without claiming anything
/// (<c>lumen health</c>): the live replicas and, per service, the replica that holds it.
/// </summary>
/// <param name="Engine">Where it was read (<c>etcd at http://…</c>, <c>kubernetes namespace lumen</c>).</param>
/// <param name="Replicas">The live replicas, by name.</param>
/// <param name="Holders">Service → holder, for the services that are held.</param>
public sealed record FleetView(string Engine, ImmutableArray<string> Replicas, ImmutableSortedDictionary<string, string> Holders);
