namespace Lumen.Web.Console;

/// <summary>One signed-in approver, held server-side. The cookie carries only a random id; <see cref="Csrf"/> is
/// this session's own CSRF token. Valid while now is before both <see cref="ExpiresAt"/> (absolute) and
/// <see cref="LastSeen"/> + the idle timeout.</summary>
internal sealed record ConsoleSession(string Key, string Name, string Csrf, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset LastSeen);
