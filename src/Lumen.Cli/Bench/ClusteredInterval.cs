using Lumen.Core.Canary;

namespace Lumen.Cli.Bench;

/// <summary>One generated interval of the clustered suite, with the error clusters behind each track's errors (what the cluster-label oracle counts).</summary>
internal sealed record ClusteredInterval(CanaryInterval Interval, long CanaryClusters, long BaselineClusters);
