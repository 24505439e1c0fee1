using System.Collections.Immutable;

namespace Lumen.Core.Documents;

/// <summary>
/// A document read into a node tree: the root, or null when the text could not be read at all, and the
/// problems found on the way (a duplicate key leaves a root; a syntax error does not).
/// </summary>
public sealed record NodeTree(YNode? Root, ImmutableArray<NodeProblem> Problems);
