namespace Lumen.Cli.Hosting;

/// <summary>Start-up lines written as they come, on the caller's thread, in order (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class LineProgress(Action<string> write) : IProgress<string>
{
    private readonly Lock _lock = new();

    public void Report(string value)
    {
        lock (_lock)
        {
            write(value);
        }
    }
}
