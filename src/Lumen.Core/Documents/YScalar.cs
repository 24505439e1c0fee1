namespace Lumen.Core.Documents;

/// <summary>A scalar. <see cref="Plain"/>: unquoted and untagged, so it may be a number, a bool or null
/// (YAML 1.2 core schema); a quoted scalar is always a string.</summary>
public sealed record YScalar(string Value, bool Plain, YPosition Position) : YNode(Position)
{
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() =>
        IsNull ? "null" : Plain ? $"'{Value}'" : $"the string \"{Value}\"";
}
