namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// A Gaussian-process regression over points z = (knob positions, context) with a product of
/// squared-exponential kernels, zero prior mean and a noise variance per observation
/// (Rasmussen &amp; Williams 2006, "Gaussian Processes for Machine Learning", Algorithm 2.1). It keeps
/// the newest <see cref="TunerSettings.Window"/> observations in a ring. The observation buffers are
/// allocated at construction and the two matrices grow by doubling with the observations held; apart
/// from that growth, adding, refitting and asking the posterior allocate nothing.
/// Not thread-safe.
/// </summary>
public sealed class GaussianProcess
{
    /// <summary>The most candidates one posterior call may ask for.</summary>
    public const int MaxCandidates = 64;

    private readonly TunerSettings _settings;
    private readonly int _knobs;
    private readonly double[] _z;
    private readonly double[] _y;
    private readonly double[] _v;
    private readonly double[] _alpha;

    // The two matrices grow with the observations held (most services hold few for a long time; at
    // thousands of services, allocating the whole window up front was most of the memory). Both are
    // kept as packed lower triangles, row i at Tri(i) (docs/benchmarks.md, "The tick at 10,000
    // services"): every read is of the lower triangle, so the full squares held half zeros or mirror
    // images: 64 KiB a service with a full window, 32.5 KiB packed.

    /// <summary>The Cholesky factor of the last fit, n rows of the packed lower triangle.</summary>
    private double[] _lower = [];

    /// <summary>The kernel between every two held observations, by ring slot (only the new slot's row and column change on an add): the packed lower triangle over the slots held.</summary>
    private double[] _k = [];
    private int _next;
    private bool _fitted;

    public GaussianProcess(int knobs, int contextDims, TunerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(knobs);
        ArgumentOutOfRangeException.ThrowIfNegative(contextDims);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Window, 1);
        _settings = settings;
        _knobs = knobs;
        Dimension = knobs + contextDims;
        var n = settings.Window;
        _z = new double[n * Dimension];
        _y = new double[n];
        _v = new double[n];
        _alpha = new double[n];
    }

    /// <summary>Length of a point z.</summary>
    public int Dimension { get; }

    /// <summary>Observations held (at most the window).</summary>
    public int Count { get; private set; }

    /// <summary>Observations ever added (the ring's position).</summary>
    public long Added { get; private set; }

    /// <summary>Adds an observation y at z with noise variance <paramref name="noise"/>; the oldest goes when the window is full.</summary>
    public void Add(ReadOnlySpan<double> z, double y, double noise)
    {
        if (z.Length != Dimension)
        {
            throw new ArgumentException($"z has {z.Length} entries, the model {Dimension}", nameof(z));
        }

        if (!double.IsFinite(y) || !double.IsFinite(noise))
        {
            throw new ArgumentException("an observation must be finite");
        }

        var slot = _next;
        z.CopyTo(_z.AsSpan(slot * Dimension, Dimension));
        _y[slot] = y;
        _v[slot] = Math.Max(noise, _settings.NoiseFloor);
        _next = (_next + 1) % _settings.Window;
        Count = Math.Min(Count + 1, _settings.Window);
        if (_k.Length < Tri(Count))
        {
            // Doubling: a service that learns block after block reallocates O(log window) times. A row's
            // place does not depend on how many rows there are, so the rows held are copied as they are.
            var grown = new double[Math.Min(Tri(_settings.Window), Math.Max(Tri(Count), 2 * _k.Length))];
            _k.CopyTo(grown, 0);
            _k = grown;
        }

        var zs = _z.AsSpan(slot * Dimension, Dimension);
        for (var j = 0; j < Count; j++)
        {
            var k = Kernel(zs, _z.AsSpan(j * Dimension, Dimension));
            _k[j <= slot ? Tri(slot) + j : Tri(j) + slot] = k;
        }

        Added++;
        _fitted = false;
    }

    /// <summary>The observations held, oldest first (for persistence and reports).</summary>
    public IEnumerable<(double[] Z, double Y, double Noise)> Observations()
    {
        var start = Count < _settings.Window ? 0 : _next;
        for (var k = 0; k < Count; k++)
        {
            var i = (start + k) % _settings.Window;
            yield return (_z.AsSpan(i * Dimension, Dimension).ToArray(), _y[i], _v[i]);
        }
    }

    /// <summary>The point z of the observation held in <paramref name="slot"/> (0 ≤ slot &lt; <see cref="Count"/>; slots are not in age order).</summary>
    public ReadOnlySpan<double> PointAt(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Count);
        return _z.AsSpan(slot * Dimension, Dimension);
    }

    /// <summary>The prior covariance of two points.</summary>
    public double Kernel(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double knobs = 0, context = 0;
        for (var d = 0; d < _knobs; d++)
        {
            var t = a[d] - b[d];
            knobs += t * t;
        }

        for (var d = _knobs; d < Dimension; d++)
        {
            var t = a[d] - b[d];
            context += t * t;
        }

        var lu = _settings.KnobLengthScale;
        var lx = _settings.ContextLengthScale;
        return _settings.SignalSd * _settings.SignalSd * Math.Exp((-knobs / (2 * lu * lu)) - (context / (2 * lx * lx)));
    }

    /// <summary>
    /// The posterior mean and covariance of f at <paramref name="m"/> candidate points (row-major in
    /// <paramref name="points"/>): mean = K*ᵀα, cov = K** − (L⁻¹K*)ᵀ(L⁻¹K*).
    /// </summary>
    public void Posterior(ReadOnlySpan<double> points, int m, Span<double> mean, Span<double> covariance)
    {
        if (m < 1 || m > MaxCandidates || points.Length < m * Dimension || mean.Length < m || covariance.Length < m * m)
        {
            throw new ArgumentException($"posterior of {m} point(s): 1..{MaxCandidates} with buffers of matching size");
        }

        Fit();
        var n = Count;
        var scratch = TunerScratch.Current.W(_settings.Window);
        for (var j = 0; j < m; j++)
        {
            var p = points.Slice(j * Dimension, Dimension);
            var mu = 0.0;
            for (var i = 0; i < n; i++)
            {
                var k = Kernel(_z.AsSpan(i * Dimension, Dimension), p);
                scratch[(j * n) + i] = k;
                mu += k * _alpha[i];
            }

            mean[j] = mu;
            ForwardSubstitute(scratch.AsSpan(j * n, n), n);
        }

        for (var j = 0; j < m; j++)
        {
            var pj = points.Slice(j * Dimension, Dimension);
            for (var l = 0; l <= j; l++)
            {
                var c = Kernel(pj, points.Slice(l * Dimension, Dimension));
                for (var i = 0; i < n; i++)
                {
                    c -= scratch[(j * n) + i] * scratch[(l * n) + i];
                }

                covariance[(j * m) + l] = c;
                covariance[(l * m) + j] = c;
            }
        }
    }

    private void Fit()
    {
        if (_fitted)
        {
            return;
        }

        var n = Count;
        if (_lower.Length < Tri(n))
        {
            _lower = new double[Math.Min(Tri(_settings.Window), Math.Max(Tri(n), 2 * _lower.Length))];
        }

        var jitter = 0.0;
        while (true)
        {
            // The same packed layout: the kernel's first n rows are the matrix to factor.
            for (var i = 0; i < n; i++)
            {
                var row = Tri(i);
                for (var j = 0; j <= i; j++)
                {
                    var k = _k[row + j];
                    _lower[row + j] = i == j ? k + _v[i] + _settings.Nugget + jitter : k;
                }
            }

            if (CholeskyInPlace(n))
            {
                break;
            }

            // Never expected with a positive noise floor; a little more diagonal always succeeds.
            jitter = jitter == 0 ? 1e-9 : jitter * 10;
        }

        for (var i = 0; i < n; i++)
        {
            _alpha[i] = _y[i];
        }

        ForwardSubstitute(_alpha.AsSpan(0, n), n);
        BackSubstitute(_alpha.AsSpan(0, n), n);
        _fitted = true;
    }

    /// <summary>Where row <paramref name="i"/> of a packed lower triangle starts (entry (i, j), j ≤ i, is at Tri(i) + j); Tri(n) entries hold n rows.</summary>
    private static int Tri(int i) => i * (i + 1) / 2;

    /// <summary>The first n rows of <c>_lower</c> (a packed lower triangle) become their Cholesky factor.</summary>
    private bool CholeskyInPlace(int n)
    {
        for (var i = 0; i < n; i++)
        {
            var rowI = Tri(i);
            for (var j = 0; j <= i; j++)
            {
                var rowJ = Tri(j);
                var sum = _lower[rowI + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= _lower[rowI + k] * _lower[rowJ + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    _lower[rowI + i] = Math.Sqrt(sum);
                }
                else
                {
                    _lower[rowI + j] = sum / _lower[rowJ + j];
                }
            }
        }

        return true;
    }

    private void ForwardSubstitute(Span<double> b, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var row = Tri(i);
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= _lower[row + k] * b[k];
            }

            b[i] = sum / _lower[row + i];
        }
    }

    private void BackSubstitute(Span<double> b, int n)
    {
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= _lower[Tri(k) + i] * b[k];
            }

            b[i] = sum / _lower[Tri(i) + i];
        }
    }
}
