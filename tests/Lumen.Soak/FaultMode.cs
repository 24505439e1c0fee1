namespace Lumen.Soak;

/// <summary>What a <see cref="FaultProxy"/> does with a request right now.</summary>
internal enum FaultMode
{
    /// <summary>Forward to the upstream and answer with its answer.</summary>
    Pass,

    /// <summary>Hold the request until the fault ends or the caller gives up; then forward it only if the caller is still there.</summary>
    Stall,

    /// <summary>Answer 503 without forwarding.</summary>
    ServerError,

    /// <summary>Answer 200 with a seeded body that is not what the upstream would say.</summary>
    Garbage,
}
