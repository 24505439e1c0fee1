using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// The configurations a trial may try: the incumbent (index 0, "hold": measure the incumbent) and
/// moves within the guard's clamp of it (docs/bandit.md, "Candidates"). One knob at a time: the
/// full and half clamp up and down, and one step up and down (fine refinement near an optimum); two
/// knobs together: both at the full clamp in each of the four diagonal directions, when the stage
/// allows two open adjustments. Every value is on the knob's grid, inside its bounds and its clamp.
/// The trust region grows as the incumbent moves: each kept trial re-centres the next candidates.
/// </summary>
public static class TrialCandidates
{
    private static readonly double[] Fractions = [-1, -0.5, 0.5, 1];

    public static ImmutableArray<ImmutableArray<double>> Around(IReadOnlyList<KnobAxis> axes, IReadOnlyList<double> incumbent,
        double clamp, int maxKnobs)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(incumbent);
        if (axes.Count != incumbent.Count)
        {
            throw new ArgumentException("one incumbent value per knob is needed", nameof(incumbent));
        }

        var result = new List<ImmutableArray<double>>(GaussianProcess.MaxCandidates);
        result.Add([.. incumbent]);

        // Each candidate is built in one scratch array and copied only when it is new (a decision
        // tries a few dozen; they were an array, a copy and a closure each).
        var values = new double[incumbent.Count];
        void Add()
        {
            if (result.Count >= GaussianProcess.MaxCandidates)
            {
                return;
            }

            foreach (var r in result)
            {
                if (r.AsSpan().SequenceEqual(values))
                {
                    return;
                }
            }

            result.Add([.. values]);
        }

        void Reset()
        {
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = incumbent[k];
            }
        }

        for (var i = 0; i < axes.Count; i++)
        {
            var axis = axes[i];
            var from = incumbent[i];
            foreach (var f in Fractions)
            {
                Move(i, axis.Snap(from, from * (1 + (f * clamp)), clamp));
            }

            Move(i, axis.Snap(from, from + axis.Step, clamp));
            Move(i, axis.Snap(from, from - axis.Step, clamp));
        }

        if (maxKnobs >= 2)
        {
            for (var i = 0; i < axes.Count; i++)
            {
                for (var j = i + 1; j < axes.Count; j++)
                {
                    foreach (var si in (ReadOnlySpan<double>)[-1, 1])
                    {
                        foreach (var sj in (ReadOnlySpan<double>)[-1, 1])
                        {
                            Reset();
                            values[i] = axes[i].Snap(incumbent[i], incumbent[i] * (1 + (si * clamp)), clamp);
                            values[j] = axes[j].Snap(incumbent[j], incumbent[j] * (1 + (sj * clamp)), clamp);
                            if (values[i] != incumbent[i] && values[j] != incumbent[j])
                            {
                                Add();
                            }
                        }
                    }
                }
            }
        }

        return [.. result];

        void Move(int knob, double value)
        {
            if (value != incumbent[knob])
            {
                Reset();
                values[knob] = value;
                Add();
            }
        }
    }
}
