using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>Thrown by the crash hook in unit tests instead of ending the process.</summary>
internal sealed class SimulatedCrashException(CrashPoint point) : Exception($"crashed at {point}")
{
    public CrashPoint Point { get; } = point;
}
