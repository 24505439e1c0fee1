using Microsoft.Extensions.Logging;

namespace Lumen.Web.Console;

/// <summary>Log messages of the console. Never a token, a cookie, a CSRF value or a form's content.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Console sign-in failed from {Client} (locked out for {LockoutSeconds} s)")]
    public static partial void SignInFailed(ILogger logger, string client, double lockoutSeconds);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Console attempt from {Client} throttled; retry after {RetryAfterSeconds} s")]
    public static partial void Throttled(ILogger logger, string client, int retryAfterSeconds);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information, Message = "Console: {Name} signed in from {Client}")]
    public static partial void SignedIn(ILogger logger, string name, string client);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Information, Message = "Console: {Name} signed out; the session is revoked")]
    public static partial void SignedOut(ILogger logger, string name);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Warning, Message = "Console request {Method} {Path} from {Client} refused ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, string client, int status, string reason);
}
