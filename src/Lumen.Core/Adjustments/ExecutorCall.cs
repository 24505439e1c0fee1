namespace Lumen.Core.Adjustments;

/// <summary>One call an <see cref="InMemoryExecutor"/> received, with what it answered (for tests).</summary>
public sealed record ExecutorCall(ExecutorOperation Operation, string Knob, double? RequestedValue, ExecutorResult Result);
