using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Rewrite a YAML/JSON/.env file atomically, then run an optional reload command.</summary>
/// <param name="ReloadCommand">argv (no shell); empty when there is none.</param>
public sealed record FileExecutorSpec(string Path, FileFormat Format, ImmutableArray<string> ReloadCommand) : ExecutorSpec
{
    public override string Kind => ExecutorKinds.File;
}
