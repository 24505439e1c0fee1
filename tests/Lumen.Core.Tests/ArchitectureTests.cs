using System.Reflection;

namespace Lumen.Core.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void CoreAssembly_References_OnlyTheBaseLibrary()
    {
        var core = typeof(Lumen.Core.CoreAssembly).Assembly;
        var allowed = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Runtime", "System.Collections", "System.Collections.Immutable", "System.Linq",
            "System.Runtime.Intrinsics", "System.Memory", "System.Numerics.Vectors", "System.Runtime.InteropServices",
            "System.Text.Encoding.Extensions", "System.Security.Cryptography", "System.Text.Json",
            "System.ObjectModel", "System.Console", "System.Threading", "System.Collections.Concurrent", "System.Text.Encodings.Web",
        };
        var references = core.GetReferencedAssemblies().Select(r => r.Name!).ToList();

        Assert.NotEmpty(references);
        var foreign = references.Where(r => !allowed.Contains(r)).ToList();
        Assert.True(foreign.Count == 0, $"Lumen.Core references outside the base library: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void CoreAssembly_References_NoLumenOrThirdPartyAssembly()
    {
        var core = typeof(Lumen.Core.CoreAssembly).Assembly;
        var names = core.GetReferencedAssemblies().Select(r => r.Name!).ToList();

        Assert.DoesNotContain(names, n => n.StartsWith("Lumen.", StringComparison.Ordinal));
        Assert.All(names, n => Assert.True(
            n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard" || n == "mscorlib",
            $"unexpected reference {n}"));
    }
}
