namespace Lumen.Core;

/// <summary>An anchor type for the core assembly (used by tests and reflection).</summary>
public static class CoreAssembly
{
    /// <summary>The version of the decision logic; written into reports so results can be traced to code.</summary>
    public const string Version = "0.1.0";
}
