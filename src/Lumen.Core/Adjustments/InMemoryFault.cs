namespace Lumen.Core.Adjustments;

/// <summary>
/// A fault queued on an <see cref="InMemoryExecutor"/>: the first call that matches
/// (<paramref name="Operation"/> and <paramref name="Knob"/>, null meaning any) consumes it.
/// </summary>
public sealed record InMemoryFault(
    InMemoryFaultMode Mode,
    string Reason = "injected fault",
    bool Transient = true,
    ExecutorOperation? Operation = null,
    string? Knob = null)
{
    internal bool Matches(ExecutorOperation operation, string knob) =>
        (Operation is null || Operation == operation) &&
        (Knob is null || string.Equals(Knob, knob, StringComparison.Ordinal));
}
