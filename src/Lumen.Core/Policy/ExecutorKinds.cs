using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>The executor kinds the config accepts. An unknown kind is a config error listing these.</summary>
public static class ExecutorKinds
{
    public const string Sim = "sim";
    public const string Http = "http";
    public const string File = "file";
    public const string Command = "command";
    public const string Kubernetes = "kubernetes";

    public static readonly ImmutableArray<string> Known = [Sim, Http, File, Command, Kubernetes];
}
