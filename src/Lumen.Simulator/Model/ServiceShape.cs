namespace Lumen.Simulator.Model;

/// <summary>
/// The load-independent part of the model for one knob setting and cache fill: computed once per
/// setting and reused every tick until a knob, the cache's fill or a regression changes (see
/// <see cref="ServiceModel.Shape"/>). Service times include the regression's factor and the memory
/// cost but not contention, which depends on how many workers the load keeps busy. A worker is freed
/// at the timeout when <see cref="CutsWork"/>; otherwise (clients that retry give up at the timeout
/// but the instance finishes the abandoned request) it is busy for the whole service time.
/// </summary>
internal readonly record struct ServiceShape(
    int Workers,
    int Cores,
    double Contention,
    double Knee,
    double HitRatio,
    double HitMs,
    double MissMs,
    double TimeoutMs,
    double Variability,
    double BaseErrorRate,
    double ExtraErrorRate,
    bool CutsWork,
    RetryShape Retry);
