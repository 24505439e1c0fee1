namespace Lumen.Core.Documents;

/// <summary>
/// Reads the text of one document (a YAML file) into a <see cref="NodeTree"/>, refusing one whose nodes,
/// counted with every alias expanded, exceed <paramref name="maxExpandedNodes"/>. The core only defines
/// the shape: the YAML reader itself lives with the adapters (YamlDotNet), and whoever loads a document
/// through the core's <see cref="NodeReader"/> is handed one.
/// </summary>
public delegate NodeTree NodeTreeReader(string text, long maxExpandedNodes);
