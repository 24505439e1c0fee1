using Microsoft.Extensions.Logging;

namespace Lumen.Cli.Hosting;

/// <summary>Logs go to stderr, one line each, so stdout carries only the command's own output (scripts parse it).</summary>
internal static class ConsoleLogging
{
    public static ILoggingBuilder AddLumenConsole(this ILoggingBuilder builder) =>
        builder
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
}
