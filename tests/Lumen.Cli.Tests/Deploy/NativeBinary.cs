namespace Lumen.Cli.Tests.Deploy;

/// <summary>
/// The Native AOT build that `scripts/publish.sh linux-x64 aot` leaves in
/// artifacts/publish/linux-x64-aot (the container image's binary and `make install`'s): published
/// once per test run when it is missing (slow: minutes), shared by every test that runs it.
/// </summary>
internal static class NativeBinary
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The binary's path (published first when it is not there).</summary>
    public static string Path => Published.Value;

    private static string Publish()
    {
        var binary = System.IO.Path.Combine(Tool.RepoRoot, "artifacts", "publish", "linux-x64-aot", "lumen");
        if (!File.Exists(binary))
        {
            var publish = Tool.Run(System.IO.Path.Combine(Tool.RepoRoot, "scripts", "publish.sh"), Tool.RepoRoot, null, "linux-x64", "aot");
            Assert.True(publish.ExitCode == 0, publish.Describe("scripts/publish.sh linux-x64 aot"));
        }

        return binary;
    }
}
