using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lumen.Web.Tests.TestKit;

/// <summary>Captures every log message (with its scope-free formatted text and exception) from every category.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _shipped = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Every message, at every level, from every category (what a secret must never be in).</summary>
    public string All => string.Join("\n", _lines);

    /// <summary>
    /// The messages <c>lumen run</c> would write: it filters <c>Microsoft.AspNetCore</c> to Warning
    /// and above (RunHost), so the server's own debug diagnostics, which may carry the stack of a
    /// client that hung up mid-body, are not among them.
    /// </summary>
    public string Shipped => string.Join("\n", _shipped);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _shipped);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<string> shipped) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var line = $"{category} {logLevel}: {formatter(state, exception)} {state} {exception}";
            lines.Enqueue(line);
            if (logLevel >= LogLevel.Warning || !category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            {
                shipped.Enqueue(line);
            }
        }
    }
}
