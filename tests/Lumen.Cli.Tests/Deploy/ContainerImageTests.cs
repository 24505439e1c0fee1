using System.Text.Json;

namespace Lumen.Cli.Tests.Deploy;

/// <summary>
/// The container image (scripts/image.sh, <c>make image</c>): built by buildah without a registry or
/// network from the published binary, inspected with skopeo, and smoke-run from its unpacked root
/// filesystem with chroot (scripts/image-run.sh): NO container runtime can run on the build machine,
/// so this is as far as the image is exercised here. The binary is the Native AOT build that
/// `scripts/publish.sh linux-x64 aot` leaves in artifacts/publish/linux-x64-aot (published once by the
/// fixture when it is missing: slow, minutes).
/// </summary>
public sealed class ContainerImageTests(ContainerImageTests.ImageFixture image) : IClassFixture<ContainerImageTests.ImageFixture>
{
    [Fact]
    public void Config_RunsAsNonRoot_WithTheEntrypointAndTheSourceRevisionInItsLabels()
    {
        var config = image.Config.GetProperty("config");
        var labels = config.GetProperty("Labels");

        Assert.Equal("65532:65532", config.GetProperty("User").GetString());
        Assert.Equal(["/usr/local/bin/lumen"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith(image.Revision, labels.GetProperty("org.opencontainers.image.revision").GetString(), StringComparison.Ordinal);
        Assert.Equal("0.1.0", labels.GetProperty("org.opencontainers.image.version").GetString());
        Assert.Equal("lumen", labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.NotEmpty(labels.GetProperty("org.opencontainers.image.created").GetString()!);
        var env = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", env);
        Assert.Contains("LUMEN_CONFIG_DIR=/etc/lumen/config", env);
    }

    [Fact]
    public void RootFilesystem_IsScratchPlusTheBinaryAndItsLibraries_NoShell()
    {
        var rootfs = Path.Combine(image.Unpacked, "bundle", "rootfs");

        Assert.True(File.Exists(Path.Combine(rootfs, "usr/local/bin/lumen")));
        Assert.True(File.Exists(Path.Combine(rootfs, "etc/ssl/certs/ca-certificates.crt")));
        Assert.False(File.Exists(Path.Combine(rootfs, "bin/sh")), "a FROM-scratch image has no shell");
        Assert.False(File.Exists(Path.Combine(rootfs, "usr/bin/sh")), "a FROM-scratch image has no shell");
        Assert.Contains("nonroot:x:65532:65532:", File.ReadAllText(Path.Combine(rootfs, "etc/passwd")), StringComparison.Ordinal);
        // Only the binary, its shared libraries, and the few files scripts/image.sh writes.
        var files = Directory.EnumerateFiles(rootfs, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(rootfs, f))
            // Written by the runs (the run-time /dev, the config copied in, the bundle unpacked under /tmp), not in the image.
            .Where(f => !f.StartsWith("dev/", StringComparison.Ordinal) && !f.StartsWith("etc/lumen/", StringComparison.Ordinal)
                && !f.StartsWith("tmp/", StringComparison.Ordinal)).ToList();
        Assert.All(files, f => Assert.True(
            f.StartsWith("lib", StringComparison.Ordinal) || f.StartsWith("usr/lib", StringComparison.Ordinal)
            || f.StartsWith("usr/local/lib/lumen/", StringComparison.Ordinal)
            || f is "usr/local/bin/lumen" or "etc/passwd" or "etc/group" or "etc/ssl/certs/ca-certificates.crt", $"unexpected file {f} in the image"));
    }

    [Fact]
    public void Binary_FromTheImage_PrintsItsVersion_AsTheImageUser()
    {
        var run = image.VersionRun;

        Assert.True(run.ExitCode == 0, run.Describe("image-run.sh version"));
        Assert.StartsWith("lumen 0.1.0", run.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("not root", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_FromTheImage_ValidatesTheSampleConfig_AndRefusesABadOne()
    {
        var good = image.Run(Path.Combine(Tool.RepoRoot, "config"), "validate");
        Assert.True(good.ExitCode == 0, good.Describe("image-run.sh validate"));
        Assert.Contains("OK /etc/lumen/config", good.StdOut, StringComparison.Ordinal);

        var bad = Path.Combine(Path.GetTempPath(), $"lumen-image-bad-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(bad);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Tool.RepoRoot, "config")))
            {
                File.Copy(file, Path.Combine(bad, Path.GetFileName(file)));
            }

            File.AppendAllText(Path.Combine(bad, "stage_matrix.yaml"), "\nnot_a_key: 1\n");
            var refused = image.Run(bad, "validate");

            Assert.True(refused.ExitCode == 2, refused.Describe("image-run.sh validate (bad config)"));
            Assert.Contains("stage_matrix.yaml", refused.StdOut + refused.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(bad, recursive: true);
            // The next run copies the good config over again.
        }
    }

    /// <summary>Builds the image once for the class (and unpacks it once).</summary>
    public sealed class ImageFixture : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), $"lumen-image-test-{Guid.NewGuid():N}");

        public ImageFixture()
        {
            Directory.CreateDirectory(_dir);
            var binary = NativeBinary.Path;

            Archive = Path.Combine(_dir, "lumen-oci.tar");
            var build = Tool.Run(Path.Combine(Tool.RepoRoot, "scripts", "image.sh"), Tool.RepoRoot, null, "--binary", binary, "--out", Archive, "--tag", "lumen:test");
            Assert.True(build.ExitCode == 0, build.Describe("scripts/image.sh"));
            var inspect = Tool.Run("skopeo", _dir, null, "inspect", "--config", $"oci-archive:{Archive}");
            Assert.True(inspect.ExitCode == 0, inspect.Describe("skopeo inspect --config"));
            Config = JsonDocument.Parse(inspect.StdOut).RootElement.Clone();
            Revision = Tool.Run("git", Tool.RepoRoot, null, "rev-parse", "HEAD").StdOut.Trim();
            Unpacked = Path.Combine(_dir, "unpacked");
            VersionRun = Run(null, "version");
        }

        /// <summary>The first run (it unpacks the image): <c>lumen version</c>.</summary>
        internal Tool.Result VersionRun { get; }

        public string Archive { get; }

        public JsonElement Config { get; }

        public string Revision { get; }

        public string Unpacked { get; }

        /// <summary>scripts/image-run.sh on the one unpacked copy (unpacked by the first call).</summary>
        internal Tool.Result Run(string? config, params string[] args)
        {
            string[] options = config is null ? ["--keep", Unpacked] : ["--keep", Unpacked, "--config", config];
            lock (_dir)
            {
                if (config is not null && Directory.Exists(Path.Combine(Unpacked, "bundle", "rootfs", "etc", "lumen", "config")))
                {
                    Directory.Delete(Path.Combine(Unpacked, "bundle", "rootfs", "etc", "lumen", "config"), recursive: true);
                }

                return Tool.Run(Path.Combine(Tool.RepoRoot, "scripts", "image-run.sh"), Tool.RepoRoot, null, [.. options, Archive, .. args]);
            }
        }

        public void Dispose()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, recursive: true);
            }
        }
    }
}
