using Microsoft.Extensions.Logging;

namespace Lumen.Web.Rollouts;

/// <summary>Log messages of the rollout endpoints. Never the token or the payload's metadata.</summary>
internal static partial class RolloutLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "rollout {Path}: refused ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, string path, int status, string reason);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "rollout {Path} for {Target} ({Service}): {Decision} (final {Final}), answered {Status}")]
    public static partial void Answered(ILogger logger, string path, string target, string service, string decision, bool final, int status);
}
