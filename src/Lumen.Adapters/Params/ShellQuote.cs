namespace Lumen.Adapters.Params;

/// <summary>POSIX shell quoting: single quotes keep every character literal; a single quote itself is
/// written <c>'\''</c> (close, escaped quote, reopen). Safe for <c>eval</c>, <c>source</c> and .env readers.</summary>
internal static class ShellQuote
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
