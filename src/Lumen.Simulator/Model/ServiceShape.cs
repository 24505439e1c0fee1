namespace Lumen.Simulator.Model;

/// <summary>
/// The load-independent part of the model for one knob setting: computed once per setting and
/// reused every tick until a knob or a regression changes (see <see cref="ServiceModel.Shape"/>).
/// </summary>
internal readonly record struct ServiceShape(
    int Workers,
    double HitRatio,
    double HitMs,
    double MissMs,
    double TimeoutMs,
    double BusyMs,
    double Variability,
    double BaseErrorRate,
    double ExtraErrorRate);
