using Microsoft.Extensions.Hosting;

namespace Lumen.Integration.Tests.Reliability;

/// <summary>The host's lifetime as the tick runner sees it; records the stop request (no host runs in these tests).</summary>
internal sealed class StoppingLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public bool StopRequested { get; private set; }

    public void StopApplication() => StopRequested = true;
}
