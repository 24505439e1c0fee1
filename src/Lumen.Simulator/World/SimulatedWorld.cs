using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Lumen.Core.Canary;
using Lumen.Simulator.Environments;
using Lumen.Simulator.Model;
using Lumen.Simulator.Randomness;
using Lumen.Simulator.Records;

namespace Lumen.Simulator.World;

/// <summary>
/// Simulated services in simulated time (docs/simulator.md). Time moves only when <see cref="Advance()"/>
/// is called, one tick (one interval) at a time; there is no wall clock. Every random draw is a pure
/// function of (seed, stream, tick, service, track), so a seed fixes the whole run bit for bit
/// (knob changes aside, which the caller makes). The per-tick path allocates nothing.
/// </summary>
public sealed partial class SimulatedWorld
{
    private readonly ServiceState[] _services;
    private readonly Dictionary<string, int> _index;
    private readonly double _tickSeconds;

    public SimulatedWorld(SimEnvironment environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Environment = environment;
        Seed = seed;
        _tickSeconds = environment.TickSeconds;
        _services = environment.Services.Select((s, i) => new ServiceState(s, i, environment)).ToArray();
        _index = environment.Services.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        Services = [.. environment.Services.Select(s => s.Name)];
    }

    public SimEnvironment Environment { get; }

    public ulong Seed { get; }

    /// <summary>Completed intervals since the start.</summary>
    public long Tick { get; private set; }

    public TimeSpan TickLength => TimeSpan.FromSeconds(_tickSeconds);

    /// <summary>Simulated time: the end of the last completed interval.</summary>
    public DateTimeOffset Now => Environment.Start.AddSeconds(Tick * _tickSeconds);

    public ImmutableArray<string> Services { get; }

    /// <summary>Simulates the next interval for every service and track.</summary>
    public void Advance()
    {
        var tick = Tick + 1;
        var endSeconds = tick * _tickSeconds;
        var timestamp = Environment.Start.AddSeconds(endSeconds);
        for (var s = 0; s < _services.Length; s++)
        {
            var service = _services[s];
            var load = service.Curve.Actual(Seed, tick);
            service.LoadRps = load;
            var perInstance = load / service.TotalInstances;
            var stormBefore = false;
            var model = service.Spec.Model;
            for (var t = 0; t < 2; t++)
            {
                var knobs = service.Values(service.Knobs[t]);
                var memory = CacheFill.Advance(ref service.Memory[t], model, knobs, _tickSeconds);
                var shape = service.ShapeOf((CanaryTrack)t, knobs with { CacheMb = memory.MeanFilledMb }, endSeconds);
                service.DownShare[t] = memory.DownShare;
                if (t == 1 && shape == service.Shapes[0] && memory.DownShare == service.DownShare[0] && service.Storm[1] == stormBefore)
                {
                    // Same configuration, fill, release and history on both tracks (the usual case): same per-instance model.
                    service.Expected[1] = service.Expected[0];
                    service.Latency[1] = service.Latency[0];
                    service.Storm[1] = service.Storm[0];
                }
                else
                {
                    if (t == 0)
                    {
                        stormBefore = service.Storm[0];
                    }

                    var expected = ServiceModel.Evaluate(shape, perInstance, ref service.Storm[t], out var latency);
                    service.Expected[t] = ServiceModel.WithDowntime(expected, memory.DownShare);
                    service.Latency[t] = latency;
                }

                var attempts = service.Expected[t].AttemptRps;
                service.Readings[t] = Measure(service, s, t, tick, timestamp, attempts * service.Instances[t], service.Expected[t], service.Latency[t].TimeoutMs);
            }
        }

        Tick = tick;
    }

    /// <summary>Simulates <paramref name="ticks"/> intervals.</summary>
    public void Advance(long ticks)
    {
        for (long i = 0; i < ticks; i++)
        {
            Advance();
        }
    }

    /// <summary>Simulates every whole interval that ends at or before <paramref name="until"/>; returns how many.</summary>
    public long AdvanceTo(DateTimeOffset until)
    {
        long count = 0;
        while (Now.AddSeconds(_tickSeconds) <= until)
        {
            Advance();
            count++;
        }

        return count;
    }

    public ServiceSpec Spec(string service) => State(service).Spec;

    /// <summary>A knob's current value on a track.</summary>
    public double GetKnob(string service, CanaryTrack track, string knob)
    {
        var state = State(service);
        var i = KnobIndex(state, knob);
        return i >= 0 ? state.Knobs[(int)track][i] : throw new ArgumentException($"service '{service}' has no knob '{knob}'", nameof(knob));
    }

    /// <summary>All knobs of a track, in the service's knob order.</summary>
    public ImmutableArray<double> GetKnobs(string service, CanaryTrack track) => [.. State(service).Knobs[(int)track]];

    /// <summary>Sets a knob; takes effect from the next interval. Unknown names and values outside the
    /// knob's bounds are refused with a reason (the way a real admin endpoint would answer).</summary>
    public bool TrySetKnob(string service, CanaryTrack track, string knob, double value, [NotNullWhen(false)] out string? error)
    {
        if (!_index.TryGetValue(service, out var s))
        {
            error = $"unknown service '{service}'";
            return false;
        }

        var state = _services[s];
        var i = KnobIndex(state, knob);
        if (i < 0)
        {
            error = $"service '{service}' has no knob '{knob}'";
            return false;
        }

        var spec = state.Spec.Knobs[i];
        if (!double.IsFinite(value) || value < spec.Min || value > spec.Max)
        {
            error = $"{knob}={value} is outside [{spec.Min}, {spec.Max}]";
            return false;
        }

        state.Knobs[(int)track][i] = value;
        error = null;
        return true;
    }

    /// <summary>
    /// Ships a bad release on a track from the next interval on, as a regression of the environment
    /// would (service times × <paramref name="latencyFactor"/>, an extra share of failures), but
    /// decided while running: the demo's last act releases after a check window it cannot know in advance.
    /// </summary>
    public void Release(string service, CanaryTrack track, double latencyFactor, double extraErrorRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latencyFactor, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(extraErrorRate);
        var state = State(service);
        state.Regressions[(int)track] = [.. state.Regressions[(int)track], (Tick * _tickSeconds, new Impairment(latencyFactor, extraErrorRate))];
    }

    /// <summary>Rolls a track back to the release it ran before any regression: every regression on it ends from the next interval on.</summary>
    public void RollBackRelease(string service, CanaryTrack track) => State(service).Regressions[(int)track] = [];

    /// <summary>What the track's SLIs showed over the last interval (with measurement noise).</summary>
    public SimReading Reading(string service, CanaryTrack track) => State(service).Readings[(int)track];

    /// <summary>The noise-free SLIs of the last interval (what the readings scatter around).</summary>
    public SliExpectation Expected(string service, CanaryTrack track) => State(service).Expected[(int)track];

    /// <summary>Total request rate of the service over the last interval.</summary>
    public double LoadRps(string service) => State(service).LoadRps;

    /// <summary>The noise-free health of a track in the last interval.</summary>
    public double TrueHealth(string service, CanaryTrack track)
    {
        var expected = Expected(service, track);
        return expected.TrueHealth(Environment.Slo);
    }

    /// <summary>
    /// The last interval's records (docs/canary-records.md; the core's <see cref="IntervalRecord"/>, written with
    /// <see cref="IntervalRecordWriter"/>), one per service and track. Request and error counts
    /// are those of <see cref="Reading"/>; the latency buckets are sampled from the model's
    /// distribution with their own random stream, so asking (or not) never changes anything else.
    /// </summary>
    public IReadOnlyList<IntervalRecord> IntervalRecords()
    {
        var records = new List<IntervalRecord>(_services.Length * 2);
        if (Tick == 0)
        {
            return records;
        }

        for (var s = 0; s < _services.Length; s++)
        {
            var service = _services[s];
            for (var t = 0; t < 2; t++)
            {
                var reading = service.Readings[t];
                var random = SplitMix.For(Seed, RandomStream.Records, Tick, s, t);
                var buckets = RecordSampler.Cumulative(service.Latency[t], reading.Requests, ref random);
                records.Add(new IntervalRecord(reading.Timestamp, service.Spec.Name, (CanaryTrack)t, reading.Requests, reading.Errors, buckets));
            }
        }

        return records;
    }

    /// <summary>
    /// The true expected reward of every arm for the service's canary, for the interval about to be
    /// simulated: the model evaluated without noise at that interval's expected load (rhythm and
    /// bursts; the per-tick load noise is averaged out) and its active regressions.
    /// reward = health_after − health_before − cost_weight·|Δknob| (docs/bandit.md). Arms in the tuner's
    /// order: hold, then increase/decrease per knob. A step beyond a bound is clamped to it.
    /// </summary>
    public ImmutableArray<ArmReward> TrueArmRewards(string service)
    {
        var state = State(service);
        var tick = Tick + 1;
        var perInstance = state.Curve.Expected(Seed, tick) / state.TotalInstances;
        var impairment = state.ImpairmentAt(CanaryTrack.Canary, tick * _tickSeconds);
        var knobs = (double[])state.Knobs[(int)CanaryTrack.Canary].Clone();
        var before = NextHealth(state, knobs, perInstance, impairment);

        var rewards = ImmutableArray.CreateBuilder<ArmReward>(1 + 2 * knobs.Length);
        rewards.Add(new ArmReward(SimArm.Hold, double.NaN, before, before, 0, 0));
        for (var i = 0; i < knobs.Length; i++)
        {
            var spec = state.Spec.Knobs[i];
            var current = knobs[i];
            foreach (var direction in (ReadOnlySpan<SimArmDirection>)[SimArmDirection.Increase, SimArmDirection.Decrease])
            {
                var value = Math.Clamp(direction == SimArmDirection.Increase ? current + spec.Step : current - spec.Step, spec.Min, spec.Max);
                knobs[i] = value;
                var after = NextHealth(state, knobs, perInstance, impairment);
                knobs[i] = current;
                var cost = spec.CostWeight * Math.Abs(value - current);
                rewards.Add(new ArmReward(new SimArm(spec.Name, direction), value, before, after, cost, after - before - cost));
            }
        }

        return rewards.MoveToImmutable();
    }

    /// <summary>The arm with the highest true reward (the first on ties, so hold wins a tie).</summary>
    public ArmReward BestArm(string service)
    {
        var rewards = TrueArmRewards(service);
        var best = rewards[0];
        foreach (var reward in rewards)
        {
            if (reward.Reward > best.Reward)
            {
                best = reward;
            }
        }

        return best;
    }

    /// <summary>The canary's noise-free health in the next interval had it <paramref name="knobs"/>: its cache's fill,
    /// restart and storm carried over from now (the world itself is left untouched).</summary>
    private double NextHealth(ServiceState state, ReadOnlySpan<double> knobs, double perInstance, Impairment impairment)
    {
        const int Canary = (int)CanaryTrack.Canary;
        var model = state.Spec.Model;
        var memory = state.Memory[Canary];
        var storm = state.Storm[Canary];
        var values = state.Values(knobs);
        var interval = CacheFill.Advance(ref memory, model, values, _tickSeconds);
        var shape = ServiceModel.Shape(model, values with { CacheMb = interval.MeanFilledMb }, impairment);
        var expected = ServiceModel.WithDowntime(ServiceModel.Evaluate(shape, perInstance, ref storm, out _), interval.DownShare);
        return expected.TrueHealth(Environment.Slo);
    }

    private SimReading Measure(ServiceState service, int s, int t, long tick, DateTimeOffset timestamp, double trackRps, in SliExpectation expected, double timeoutMs)
    {
        var random = SplitMix.For(Seed, RandomStream.Measurement, tick, s, t);
        var requests = random.NextPoisson(trackRps * _tickSeconds);
        if (requests == 0)
        {
            return new SimReading(timestamp, 0, 0, 0, 0, 0, Math.Min(1, expected.Utilization));
        }

        var errors = random.NextBinomial(requests, expected.ErrorRate);
        var noise = service.Spec.Model.LatencyNoise;
        var p95 = Math.Min(timeoutMs, expected.P95Ms * Math.Exp(noise * random.NextGaussian()));
        return new SimReading(timestamp, requests, errors, requests / _tickSeconds, p95, (double)errors / requests, Math.Min(1, expected.Utilization));
    }

    private ServiceState State(string service) =>
        _index.TryGetValue(service, out var i) ? _services[i] : throw new ArgumentException($"unknown service '{service}'", nameof(service));

    private static int KnobIndex(ServiceState state, string knob)
    {
        var knobs = state.Spec.Knobs;
        for (var i = 0; i < knobs.Length; i++)
        {
            if (string.Equals(knobs[i].Name, knob, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
