using Microsoft.Extensions.Logging;

namespace Lumen.Web.Slack;

/// <summary>Log messages of the Slack endpoint. Never the body, the signature or a secret.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Slack interaction refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Slack interaction for {RequestId} by {UserId}: {Outcome}")]
    public static partial void Decided(ILogger logger, string requestId, string userId, string outcome);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Slack interaction for {RequestId}: the ledger write is still running after {Seconds} s; answered Slack first")]
    public static partial void Slow(ILogger logger, string requestId, double seconds);
}
