namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// The working buffers of one posterior evaluation (candidate points, their mean and covariance, its
/// Cholesky factor, the Thompson draws, the model's L⁻¹K*), shared by every tuner on a thread: they
/// hold nothing between calls, so one set per thread replaces one per service (about 105 KB each,
/// which at thousands of services was most of the loop's memory). Nothing here carries state from one
/// call to the next, so sharing cannot change a result.
/// </summary>
internal sealed class TunerScratch
{
    [ThreadStatic]
    private static TunerScratch? _current;

    private double[] _w = [];

    /// <summary>This thread's buffers.</summary>
    public static TunerScratch Current => _current ??= new TunerScratch();

    public double[] Points { get; } = new double[GaussianProcess.MaxCandidates * 16];

    public double[] Mean { get; } = new double[GaussianProcess.MaxCandidates];

    public double[] Cov { get; } = new double[GaussianProcess.MaxCandidates * GaussianProcess.MaxCandidates];

    public double[] Chol { get; } = new double[GaussianProcess.MaxCandidates * GaussianProcess.MaxCandidates];

    public double[] Draw { get; } = new double[GaussianProcess.MaxCandidates];

    public double[] Eps { get; } = new double[GaussianProcess.MaxCandidates];

    /// <summary>The model's L⁻¹K* for up to <see cref="GaussianProcess.MaxCandidates"/> candidates and <paramref name="window"/> observations.</summary>
    public double[] W(int window)
    {
        var size = window * GaussianProcess.MaxCandidates;
        if (_w.Length < size)
        {
            _w = new double[size];
        }

        return _w;
    }
}
