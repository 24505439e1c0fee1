using System.Net.Http.Headers;
using System.Text.Json;

namespace Lumen.Soak;

/// <summary>
/// Reads the canary's knob straight from the demo service (not through the fault proxy) every
/// <c>period</c> and keeps the episodes in which it was away from its baseline value: the target's own
/// account of what was applied and when it came back, independent of any ledger and of the loop's clock.
/// </summary>
internal sealed class KnobWatcher : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _config;
    private readonly string _token;
    private readonly string _knob;
    private readonly double _baseline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly List<KnobEpisode> _episodes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _disposed;

    public KnobWatcher(HttpClient http, Uri config, string token, string knob, double baseline, TimeProvider time, TimeSpan period)
    {
        _http = http;
        _config = config;
        _token = token;
        _knob = knob;
        _baseline = baseline;
        _time = time;
        _period = period;
        _running = RunAsync();
    }

    public IReadOnlyList<KnobEpisode> Episodes
    {
        get
        {
            lock (_episodes)
            {
                return [.. _episodes];
            }
        }
    }

    public static async Task<JsonElement> ReadConfigAsync(HttpClient http, Uri config, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, config);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement.Clone();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var config = await ReadConfigAsync(_http, _config, _token, _stop.Token);
                Observe(config.GetProperty(_knob).GetDouble(), _time.GetUtcNow());
                await Task.Delay(_period, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Observe(double value, DateTimeOffset now)
    {
        lock (_episodes)
        {
            var open = _episodes.Count > 0 && _episodes[^1].End is null ? _episodes[^1] : null;
            var away = Math.Abs(value - _baseline) > 1e-9;
            if (open is not null && (!away || Math.Abs(open.Value - value) > 1e-9))
            {
                _episodes[^1] = open with { End = now };
                open = null;
            }

            if (away && open is null)
            {
                _episodes.Add(new KnobEpisode(now, null, value));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
