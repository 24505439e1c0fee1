namespace Lumen.Integration.Tests.TestKit;

/// <summary>Bounded polling: try a condition until it holds or the attempts run out (no fixed sleeps that hope).</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int attempts = 150, int delayMs = 200)
    {
        T last = default!;
        for (var i = 0; i < attempts; i++)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(delayMs);
        }

        throw new TimeoutException($"gave up waiting for {what} after {attempts} polls; last value: {last}");
    }
}
