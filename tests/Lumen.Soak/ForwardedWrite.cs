namespace Lumen.Soak;

/// <summary>A PUT the target proxy forwarded and the target accepted (2xx): when, and its JSON body.</summary>
internal sealed record ForwardedWrite(DateTimeOffset At, string Path, string Body);
