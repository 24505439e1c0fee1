namespace Lumen.Core.Adjustments;

/// <summary>
/// A fault queued on an <see cref="InMemoryExecutor"/>: the first call that matches
/// (<paramref name="Operation"/> and <paramref name="Knob"/>, null meaning any) consumes it.
/// <paramref name="RacingValue"/> and <paramref name="Writer"/> belong to <see cref="InMemoryFaultMode.RacingWrite"/>:
/// what the other writer sets, and the name the target then gives as the configuration's last writer.
/// </summary>
public sealed record InMemoryFault(
    InMemoryFaultMode Mode,
    string Reason = "injected fault",
    bool Transient = true,
    ExecutorOperation? Operation = null,
    string? Knob = null,
    double RacingValue = double.NaN,
    string? Writer = null)
{
    internal bool Matches(ExecutorOperation operation, string knob) =>
        (Operation is null || Operation == operation) &&
        (Knob is null || string.Equals(Knob, knob, StringComparison.Ordinal));
}
