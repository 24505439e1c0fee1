namespace Lumen.Cli.Bench;

/// <summary>
/// The oracle of the clustered suite: Wald's SPRT on the canary's share of error clusters (the independent
/// units: each cluster is the canary's with probability p(ρ, s); with independent errors every error is one), knowing the
/// true rate ratio ρ1 (no mixture, no warm-up), against the margin ρ0, stopping at the judge's own fail
/// threshold. Its detection time is the floor a judge that must learn ρ1 can be compared with.
/// </summary>
internal sealed class OracleSprt(double rho0, double rho1, double threshold)
{
    private double _logLr;

    public bool Crossed => _logLr >= Math.Log(threshold);

    public void Observe(long canaryEvents, long baselineEvents, long canaryRequests, long baselineRequests)
    {
        if (canaryRequests <= 0 || baselineRequests <= 0)
        {
            return;
        }

        var s = (double)canaryRequests / (canaryRequests + baselineRequests);
        var p0 = rho0 * s / ((rho0 * s) + 1 - s);
        var p1 = rho1 * s / ((rho1 * s) + 1 - s);
        _logLr += (canaryEvents * Math.Log(p1 / p0)) + (baselineEvents * Math.Log((1 - p1) / (1 - p0)));
    }
}
