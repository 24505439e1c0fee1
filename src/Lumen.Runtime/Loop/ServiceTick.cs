using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Rules;
using Lumen.Core.Decisions.Tuner;
using Lumen.Core.Guard;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>What one tick learnt about one service, step by step (filled by collect, map and decide).</summary>
internal sealed class ServiceTick(ServiceMemory memory)
{
    public ServiceMemory Memory { get; } = memory;

    public string Name => Memory.Service.Name;

    public TrackReadings? Canary { get; set; }

    public TrackReadings? Baseline { get; set; }

    /// <summary>
    /// Canary knob values read back this tick, keyed by the service's knobs only; a knob whose read
    /// failed is absent. The service's own dictionary, emptied for each tick: a tick's service state is
    /// alive through the whole tick, so every young collection in it copied two new dictionaries per
    /// service (docs/benchmarks.md, "The tick at 10,000 services"). Read only within the tick.
    /// </summary>
    public Dictionary<string, double> CanaryKnobs { get; } = Emptied(memory.CanaryKnobs);

    /// <summary>Baseline knob values read back this tick (as <see cref="CanaryKnobs"/>).</summary>
    public Dictionary<string, double> BaselineKnobs { get; } = Emptied(memory.BaselineKnobs);

    public RhythmCoordinates? Coordinates { get; set; }

    public string? NotMapped { get; set; }

    public ImmutableArray<RuleKnobProposal> RuleProposals { get; set; } = [];

    public LinUcbDecision? BanditDecision { get; set; }

    /// <summary>The value-level tuner's choice this tick (a trial or a hold); null when it did not decide.</summary>
    public TrialChoice? TrialChoice { get; set; }

    /// <summary>Only fresh data may lead to an action: every reading of every track Ok.</summary>
    public DataFreshness Freshness
    {
        get
        {
            // The canary is where Lumen acts, so it must be read; a baseline, when the source has one, must be Ok too.
            if (Canary is null)
            {
                return DataFreshness.Missing;
            }

            var problems = 0;
            var stale = 0;
            Tally(Canary, ref problems, ref stale);
            if (Baseline is { } baseline)
            {
                Tally(baseline, ref problems, ref stale);
            }

            return problems == 0 ? DataFreshness.Fresh : stale == problems ? DataFreshness.Stale : DataFreshness.Missing;

            static void Tally(TrackReadings readings, ref int problems, ref int stale)
            {
                for (var i = 0; i < readings.ReadingCount; i++)
                {
                    var reading = readings.ReadingAt(i).Reading;
                    if (!reading.IsOk)
                    {
                        problems++;
                        stale += reading.Status == SliStatus.Stale ? 1 : 0;
                    }
                }
            }
        }
    }

    private static Dictionary<string, double> Emptied(Dictionary<string, double> knobs)
    {
        knobs.Clear();
        return knobs;
    }

    /// <summary>Every knob of the service was read back (the mapper needs all of them).</summary>
    public bool AllKnobsRead
    {
        get
        {
            foreach (var knob in Memory.KnobNames)
            {
                if (!CanaryKnobs.ContainsKey(knob))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
