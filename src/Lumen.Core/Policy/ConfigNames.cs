namespace Lumen.Core.Policy;

/// <summary>What names in the config may look like. Names end up in PromQL label matchers, file names
/// (<c>.env.STAGE</c>) and metric labels, so they are kept to a safe alphabet.
/// (Hand-written rather than Regex: the core references the base library only.)</summary>
public static class ConfigNames
{
    /// <summary>Stage, service and knob names.</summary>
    public const string IdentifierRule = "1 to 63 letters, digits, '_' or '-', starting with a letter";

    /// <summary>Rule names may also contain '.'.</summary>
    public const string RuleNameRule = "1 to 127 letters, digits, '_', '-' or '.', starting with a letter or digit";

    public const string EnvVarRule = "upper-case letters, digits and '_', not starting with a digit";

    public static bool IsIdentifier(string name) =>
        name.Length is > 0 and < 64 && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static bool IsRuleName(string name) =>
        name.Length is > 0 and < 128 && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    public static bool IsEnvVarName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
}
