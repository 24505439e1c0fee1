namespace Lumen.Adapters.Executors;

/// <summary>An executor's config is wrong (unknown kind, missing or bad setting). Raised at start-up, before anything is changed.</summary>
public sealed class ExecutorConfigurationException : Exception
{
    public ExecutorConfigurationException()
    {
    }

    public ExecutorConfigurationException(string message)
        : base(message)
    {
    }

    public ExecutorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
