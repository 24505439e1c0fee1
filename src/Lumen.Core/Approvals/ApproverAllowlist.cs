using System.Collections.Immutable;

namespace Lumen.Core.Approvals;

/// <summary>
/// Who may decide through one channel. Built from a comma list (<c>LUMEN_APPROVERS</c>,
/// <c>LUMEN_SLACK_ALLOWED_USERS</c>); names compare exactly (Slack user ids are case-sensitive).
/// <see cref="Anyone"/> is used only for the local CLI and the token-protected console when no list
/// is configured: whoever holds the shell or the token is already trusted (docs/approvals.md).
/// </summary>
public sealed record ApproverAllowlist(ImmutableHashSet<string> Names, bool AllowsAnyone)
{
    public static ApproverAllowlist Anyone { get; } = new(ImmutableHashSet<string>.Empty, true);

    public static ApproverAllowlist Nobody { get; } = new(ImmutableHashSet<string>.Empty, false);

    /// <summary>Parses a comma list; an empty or missing list gives <paramref name="whenEmpty"/>.</summary>
    public static ApproverAllowlist Parse(string? commaList, ApproverAllowlist whenEmpty)
    {
        ArgumentNullException.ThrowIfNull(whenEmpty);
        var names = (commaList ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToImmutableHashSet(StringComparer.Ordinal);
        return names.IsEmpty ? whenEmpty : new ApproverAllowlist(names, false);
    }

    public bool Allows(string name) => !string.IsNullOrWhiteSpace(name) && (AllowsAnyone || Names.Contains(name));

    public override string ToString() => AllowsAnyone ? "anyone" : Names.IsEmpty ? "nobody" : string.Join(", ", Names.Order(StringComparer.Ordinal));
}
