namespace Lumen.Web.Security;

/// <summary>
/// The floor a shared secret (the console token, a webhook bearer token) must clear before a
/// listener starts: at least <see cref="MinimumLength"/> characters, at least
/// <see cref="MinimumDistinct"/> different characters, and no single character making up more
/// than a third of it. A heuristic cannot measure entropy; it refuses the mistakes that matter
/// ("changeme", a short word, a repeated pattern). <c>openssl rand -hex 32</c> always passes.
/// Messages never quote the token or anything derived from it (not even its length).
/// </summary>
public static class TokenStrength
{
    public const int MinimumLength = 32;
    public const int MinimumDistinct = 10;

    /// <summary>Null when <paramref name="token"/> is strong enough; otherwise what is wrong, naming
    /// <paramref name="variable"/> but not the value.</summary>
    public static string? Check(string variable, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var why = token.Length < MinimumLength ? $"shorter than {MinimumLength} characters"
            : token.Distinct().Count() < MinimumDistinct ? $"fewer than {MinimumDistinct} different characters"
            : token.GroupBy(c => c).Max(g => g.Count()) * 3 > token.Length ? "one character makes up more than a third of it"
            : token.Any(char.IsWhiteSpace) ? "it contains whitespace (a copy-paste accident?)"
            : null;
        return why is null ? null
            : $"{variable}: the token is too weak ({why}); use at least {MinimumLength} random characters, e.g. `openssl rand -hex 32`";
    }
}
