using System.Collections.Immutable;
using static Lumen.Core.Decisions.DenseLinearAlgebra;

namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// Disjoint LinUCB (Li, Chu, Langford &amp; Schapire 2010, "A Contextual-Bandit Approach to
/// Personalized News Article Recommendation", Algorithm 1): per arm a, A_a = ridge·I + Σ x xᵀ and
/// b_a = Σ r x, θ_a = A_a⁻¹ b_a, and the score p_a = θ_aᵀx + α·sqrt(xᵀA_a⁻¹x).
/// <para>
/// A⁻¹ is kept by Sherman–Morrison rank-1 updates (O(d²) per update instead of an O(d³)
/// inversion); A itself is kept too, and every <see cref="RecomputeEvery"/> updates of an arm its
/// A⁻¹ is recomputed exactly from A's Cholesky factor, so rounding error cannot accumulate.
/// </para>
/// <para>
/// All state lives in a few flat arrays allocated once; <see cref="SelectInto"/> and
/// <see cref="Update"/> allocate nothing. Randomness (tie-breaking only) is a pure function of
/// the injected seed and the decision count. Not thread-safe: one model per service, one caller.
/// </para>
/// </summary>
public sealed partial class LinUcbModel
{
    /// <summary>Updates of one arm between exact re-computations of its A⁻¹.</summary>
    public const int DefaultRecomputeEvery = 1000;

    private readonly double[] a;       // K blocks of d×d, row-major
    private readonly double[] aInverse; // K blocks of d×d, row-major
    private readonly double[] b;       // K blocks of d
    private readonly double[] theta;   // K blocks of d, θ = A⁻¹b
    private readonly long[] updates;   // per arm
    private readonly double[] u;       // scratch, d
    private readonly double[] lower;   // scratch, d×d (Cholesky factor)
    private readonly int holdIndex;

    private LinUcbModel(ImmutableArray<Arm> arms, int dimension, double ridge, int recomputeEvery, ulong seed)
    {
        if (arms.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A bandit needs at least one arm.", nameof(arms));
        }

        if (arms.Select(x => x.Key).Distinct(StringComparer.Ordinal).Count() != arms.Length)
        {
            throw new ArgumentException("Arm keys must be unique.", nameof(arms));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(ridge > 0) || !double.IsFinite(ridge))
        {
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge must be a finite number > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(recomputeEvery);
        Arms = arms;
        Dimension = dimension;
        Ridge = ridge;
        RecomputeEvery = recomputeEvery;
        Seed = seed;
        var k = arms.Length;
        var dd = checked(dimension * dimension);
        a = new double[checked(k * dd)];
        aInverse = new double[checked(k * dd)];
        b = new double[checked(k * dimension)];
        theta = new double[checked(k * dimension)];
        updates = new long[k];
        u = new double[dimension];
        lower = new double[dd];
        holdIndex = arms.IndexOf(Arm.Hold);
    }

    public ImmutableArray<Arm> Arms { get; }

    public int Dimension { get; }

    /// <summary>The prior precision: A starts as ridge·I (Li et al. use 1).</summary>
    public double Ridge { get; }

    /// <summary>Updates of one arm between exact re-computations of A⁻¹; 0 = never.</summary>
    public int RecomputeEvery { get; }

    /// <summary>The injected seed of the tie-breaking draws.</summary>
    public ulong Seed { get; }

    /// <summary>How many decisions were made; the index of the next tie-breaking draw.</summary>
    public long Decisions { get; private set; }

    /// <summary>A fresh model: A = ridge·I, b = 0 for every arm.</summary>
    public static LinUcbModel Create(
        ImmutableArray<Arm> arms, int dimension, ulong seed, double ridge = 1.0, int recomputeEvery = DefaultRecomputeEvery)
    {
        var model = new LinUcbModel(arms, dimension, ridge, recomputeEvery, seed);
        for (var arm = 0; arm < arms.Length; arm++)
        {
            var block = model.MatrixSpan(model.a, arm);
            var inverse = model.MatrixSpan(model.aInverse, arm);
            for (var i = 0; i < dimension; i++)
            {
                block[(i * dimension) + i] = ridge;
                inverse[(i * dimension) + i] = 1.0 / ridge;
            }
        }

        return model;
    }

    public int IndexOf(Arm arm) => Arms.IndexOf(arm);

    public long UpdatesOf(int arm) => updates[arm];

    /// <summary>A_a, row-major (for tests and diagnostics).</summary>
    public ReadOnlySpan<double> Matrix(int arm) => MatrixSpan(a, arm);

    /// <summary>The maintained A_a⁻¹, row-major.</summary>
    public ReadOnlySpan<double> Inverse(int arm) => MatrixSpan(aInverse, arm);

    public ReadOnlySpan<double> Theta(int arm) => VectorSpan(theta, arm);

    public ReadOnlySpan<double> RewardSums(int arm) => VectorSpan(b, arm);

    /// <summary>
    /// Scores every arm for context x into <paramref name="scores"/> (length ≥ K) and chooses one.
    /// Allocation-free. Optimistic mode: argmax UCB. Conservative mode: see
    /// <see cref="ChooseConservative"/>. Ties (exactly equal scores, e.g. a fresh model) are
    /// broken uniformly by the seeded draw and the probability reports 1/k.
    /// </summary>
    internal ArmChoice SelectInto(ReadOnlySpan<double> x, LinUcbSettings settings, Span<ArmScore> scores) =>
        SelectInto(x, settings, scores, []);

    /// <summary>
    /// As <see cref="SelectInto(ReadOnlySpan{double}, LinUcbSettings, Span{ArmScore})"/>, choosing only
    /// among the arms marked eligible (Li et al.'s per-round arm set A_t): an arm whose knob cannot
    /// move this tick (active, in cooldown, at its bound) is scored and logged but never chosen. An
    /// empty mask means every arm; hold is always eligible, so there is always a choice.
    /// </summary>
    internal ArmChoice SelectInto(ReadOnlySpan<double> x, LinUcbSettings settings, Span<ArmScore> scores, ReadOnlySpan<bool> eligible)
    {
        CheckContext(x);
        settings.Validate();
        var k = Arms.Length;
        if (scores.Length < k)
        {
            throw new ArgumentException($"The score buffer holds {scores.Length} arms; the model has {k}.", nameof(scores));
        }

        var alpha = settings.Alpha;
        for (var arm = 0; arm < k; arm++)
        {
            var mean = Dot(VectorSpan(theta, arm), x);

            // xᵀA⁻¹x ≥ 0 in exact arithmetic; rounding may push a tiny value below zero.
            var width = Math.Sqrt(Math.Max(0.0, QuadraticForm(MatrixSpan(aInverse, arm), x)));
            scores[arm] = new ArmScore(mean, width, mean + (alpha * width), mean - (alpha * width));
        }

        if (!eligible.IsEmpty && eligible.Length != k)
        {
            throw new ArgumentException($"The eligibility mask has {eligible.Length} arms; the model has {k}.", nameof(eligible));
        }

        var choice = settings.Conservative ? ChooseConservative(scores[..k], eligible) : ChooseOptimistic(scores[..k], eligible);
        Decisions++;
        return choice;
    }

    /// <summary>Scores, chooses, and returns the loggable decision (allocates the result).</summary>
    public LinUcbDecision Select(ReadOnlySpan<double> x, LinUcbSettings settings) => Select(x, settings, []);

    /// <summary>Scores every arm, chooses among the eligible ones, and returns the loggable decision.</summary>
    public LinUcbDecision Select(ReadOnlySpan<double> x, LinUcbSettings settings, ReadOnlySpan<bool> eligible)
    {
        var scores = new ArmScore[Arms.Length];
        var choice = SelectInto(x, settings, scores, eligible);
        return new LinUcbDecision(Arms, [.. scores], choice.Index, choice.Probability, settings.Conservative);
    }

    /// <summary>
    /// Learns reward r for arm a in context x: A += x xᵀ, b += r x, A⁻¹ by Sherman–Morrison, and
    /// θ by the matching recursive-least-squares step θ += A⁻¹x·(r − xᵀθ)/(1 + xᵀA⁻¹x), which
    /// equals the new A⁻¹b in exact arithmetic (θ is recomputed as A⁻¹b at every exact
    /// re-inversion). Allocation-free.
    /// </summary>
    public void Update(int arm, ReadOnlySpan<double> x, double reward)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arm);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(arm, Arms.Length);
        CheckContext(x);
        if (!double.IsFinite(reward))
        {
            throw new ArgumentOutOfRangeException(nameof(reward), reward, "A reward must be finite.");
        }

        var d = Dimension;
        var inverse = MatrixSpan(aInverse, arm);
        var block = MatrixSpan(a, arm);

        // Sherman–Morrison: (A + x xᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), using A⁻¹'s symmetry.
        Multiply(inverse, x, u);
        var denominator = 1.0 + Dot(x, u);
        var thetaArm = VectorSpan(theta, arm);
        var innovation = reward - Dot(thetaArm, x);
        unchecked
        {
            for (var i = 0; i < d; i++)
            {
                AddScaled(inverse.Slice(i * d, d), -u[i] / denominator, u);
                AddScaled(block.Slice(i * d, d), x[i], x);
            }
        }

        AddScaled(thetaArm, innovation / denominator, u);
        AddScaled(VectorSpan(b, arm), reward, x);
        updates[arm]++;
        if (RecomputeEvery > 0 && updates[arm] % RecomputeEvery == 0)
        {
            RecomputeInverse(arm);
        }
    }

    /// <summary>
    /// Replaces A⁻¹ by the exact inverse from A's Cholesky factor (O(d³)); a no-op in the
    /// (theoretically impossible, A being ridge·I plus outer products) case that A is not
    /// positive definite, leaving the Sherman–Morrison inverse in place.
    /// </summary>
    public void RecomputeInverse(int arm)
    {
        if (Cholesky(MatrixSpan(a, arm), lower, Dimension))
        {
            InverseFromCholesky(lower, MatrixSpan(aInverse, arm), u, Dimension);
            Multiply(MatrixSpan(aInverse, arm), VectorSpan(b, arm), VectorSpan(theta, arm));
        }
    }

    private ArmChoice ChooseOptimistic(ReadOnlySpan<ArmScore> scores, ReadOnlySpan<bool> eligible)
    {
        var best = double.NegativeInfinity;
        for (var i = 0; i < scores.Length; i++)
        {
            if (Eligible(eligible, i))
            {
                best = Math.Max(best, scores[i].Ucb);
            }
        }

        return PickAmong(scores, eligible, best, eligibleExceptHold: false, holdUcb: 0);
    }

    private bool Eligible(ReadOnlySpan<bool> eligible, int i) => eligible.IsEmpty || eligible[i] || i == holdIndex;

    /// <summary>
    /// The conservative rule (docs/bandit.md), in the spirit of Kazerouni, Ghavamzadeh,
    /// Abbasi-Yadkori &amp; Van Roy 2017, "Conservative Contextual Linear Bandits" (NeurIPS): a
    /// non-hold arm a is <i>safe</i> when its lower confidence bound beats hold's upper one,
    /// Lcb(a) &gt; Ucb(hold), i.e. even pessimistically for a and optimistically for hold, a is
    /// better than doing nothing (with disjoint models this is the valid lower bound on the
    /// difference a − hold, the quantity CLUCB's constraint is about). Among the safe arms the one
    /// with the largest UCB is chosen (ties by the seeded draw); with no safe arm, hold. Unlike
    /// CLUCB there is no exploration budget: a prod stage never gambles on an arm it cannot vouch
    /// for, and learns to vouch from the model carried over from earlier stages.
    /// </summary>
    private ArmChoice ChooseConservative(ReadOnlySpan<ArmScore> scores, ReadOnlySpan<bool> eligible)
    {
        if (holdIndex < 0)
        {
            throw new InvalidOperationException("Conservative selection needs a hold arm.");
        }

        var holdUcb = scores[holdIndex].Ucb;
        var best = double.NegativeInfinity;
        for (var i = 0; i < scores.Length; i++)
        {
            if (i != holdIndex && Eligible(eligible, i) && scores[i].Lcb > holdUcb)
            {
                best = Math.Max(best, scores[i].Ucb);
            }
        }

        return double.IsNegativeInfinity(best)
            ? new ArmChoice(holdIndex, 1.0, 1)
            : PickAmong(scores, eligible, best, eligibleExceptHold: true, holdUcb);
    }

    private ArmChoice PickAmong(ReadOnlySpan<ArmScore> scores, ReadOnlySpan<bool> eligible, double best, bool eligibleExceptHold, double holdUcb)
    {
        var tied = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (IsCandidate(scores, eligible, i, best, eligibleExceptHold, holdUcb))
            {
                tied++;
            }
        }

        var pick = TieBreaker.Pick(Seed, Decisions, tied);
        for (var i = 0; i < scores.Length; i++)
        {
            if (IsCandidate(scores, eligible, i, best, eligibleExceptHold, holdUcb) && pick-- == 0)
            {
                return new ArmChoice(i, 1.0 / tied, tied);
            }
        }

        throw new InvalidOperationException("No arm reached the best score; scores must be finite.");
    }

    private bool IsCandidate(ReadOnlySpan<ArmScore> scores, ReadOnlySpan<bool> eligible, int i, double best, bool eligibleExceptHold, double holdUcb) =>
        scores[i].Ucb == best && Eligible(eligible, i) && (!eligibleExceptHold || (i != holdIndex && scores[i].Lcb > holdUcb));

    private void CheckContext(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"The context has {x.Length} features; the model expects {Dimension}.", nameof(x));
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException($"Feature {i} is {x[i]}; contexts must be finite.", nameof(x));
            }
        }
    }

    // Sizes were checked at construction, so the offsets cannot overflow.
    private Span<double> MatrixSpan(double[] store, int arm) =>
        unchecked(store.AsSpan(arm * Dimension * Dimension, Dimension * Dimension));

    private Span<double> VectorSpan(double[] store, int arm) => unchecked(store.AsSpan(arm * Dimension, Dimension));
}
