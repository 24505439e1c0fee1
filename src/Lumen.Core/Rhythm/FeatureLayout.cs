using System.Collections.Immutable;

namespace Lumen.Core.Rhythm;

/// <summary>
/// The layout of the context vector x the bandit reads (docs/rhythm.md, docs/bandit.md). Every entry is bounded, so
/// no single feature dominates LinUCB's confidence widths:
/// <code>
/// index  name               value                                  range
///   0    bias               1                                      1
///   1    load               rps / p90(rps), clipped                [0, LoadClip]      (default 2)
///   2    phase_sin          sin φ; 0 when the phase is unknown     [-1, 1]
///   3    phase_cos          cos φ; 0 when the phase is unknown     [-1, 1]  (1 at the peak)
///   4    latency_pressure   p95 / SLO p95, clipped; 0 if unknown   [0, PressureClip]  (default 3)
///   5    error_pressure     error rate / SLO, clipped; 0 if unknown [0, PressureClip]
///   6    incoherence        1 − coherence; 0 if unknown            [0, 1]
///   7+i  knob:NAME          knob i's position between its bounds    [0, 1]
/// </code>
/// An unknown coordinate contributes 0 to θᵀx, i.e. nothing; the coordinates themselves stay null so
/// gates and the guard see "unknown", not a value.
/// </summary>
public static class FeatureLayout
{
    /// <summary>Index of the constant 1.</summary>
    public const int Bias = 0;

    /// <summary>Index of the clipped load.</summary>
    public const int Load = 1;

    /// <summary>Index of sin φ.</summary>
    public const int PhaseSin = 2;

    /// <summary>Index of cos φ.</summary>
    public const int PhaseCos = 3;

    /// <summary>Index of the clipped latency pressure.</summary>
    public const int LatencyPressure = 4;

    /// <summary>Index of the clipped error pressure.</summary>
    public const int ErrorPressure = 5;

    /// <summary>Index of 1 − coherence.</summary>
    public const int Incoherence = 6;

    /// <summary>Index of the first knob position; knob i is at <c>FirstKnob + i</c>.</summary>
    public const int FirstKnob = 7;

    /// <summary>The dimension d of x for <paramref name="knobCount"/> knobs.</summary>
    public static int Dimension(int knobCount) => FirstKnob + knobCount;

    /// <summary>The names of x's entries, in order (for logs, the ledger and reports).</summary>
    public static ImmutableArray<string> Names(IEnumerable<string> knobNames)
    {
        ArgumentNullException.ThrowIfNull(knobNames);
        var names = ImmutableArray.CreateBuilder<string>();
        names.AddRange("bias", "load", "phase_sin", "phase_cos", "latency_pressure", "error_pressure", "incoherence");
        foreach (string knob in knobNames)
        {
            names.Add("knob:" + knob);
        }

        return names.ToImmutable();
    }
}
