namespace Lumen.TestKit;

/// <summary>Steady loopback traffic (a few concurrent GET loops per URL) until disposed, so rate() windows always have data.</summary>
public sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Task _running;

    public BackgroundLoad(IEnumerable<Uri> urls, int workersPerUrl = 2)
    {
        _running = Task.WhenAll(urls.SelectMany(u => Enumerable.Range(0, workersPerUrl).Select(_ => RunAsync(new Uri(u, "api/order")))));
    }

    private async Task RunAsync(Uri url)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("the load generator only targets loopback", nameof(url));
        }

        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _http.GetAsync(url, _stop.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Stopping, or an instance restarting: keep going until told to stop.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _http.Dispose();
        _stop.Dispose();
    }
}
