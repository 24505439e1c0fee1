namespace Lumen.Core.Documents;

/// <summary>A YAML node with the position where it starts. Our own small tree (rather than
/// YamlDotNet's representation model) so that duplicate keys are reported instead of thrown, and
/// every node keeps its mark.</summary>
public abstract record YNode(YPosition Position)
{
    /// <summary>How the node is named in "found …" messages.</summary>
    public abstract string Describe();
}
