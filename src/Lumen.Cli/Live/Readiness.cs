namespace Lumen.Cli.Live;

/// <summary>Bounded polling for a child to become ready: a fixed number of attempts, and a child that exits ends the wait at once.</summary>
internal static class Readiness
{
    /// <summary>Null when ready, else why not.</summary>
    public static async Task<string?> WaitAsync(ChildProcess child, Func<CancellationToken, Task<bool>> probe, string what,
        int attempts, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (child.ExitDescription() is { } exited)
            {
                return $"{exited} before {what}";
            }

            try
            {
                if (await probe(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        return $"{child.Name}: gave up waiting for {what} after {attempts} polls ({(attempts * delay).TotalSeconds:0} s)";
    }
}
