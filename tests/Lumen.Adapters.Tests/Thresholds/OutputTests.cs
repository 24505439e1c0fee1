using Lumen.Adapters.FileSystem;
using Lumen.Adapters.Output;

namespace Lumen.Adapters.Tests.Thresholds;

public sealed class OutputTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AtomicWrite_NewAndExistingFile_HasTheContentAndLeavesNoTempFile()
    {
        using var dir = new TempDir();
        var path = dir.File("sub/out.yml");

        AtomicFile.Write(path, "one\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AtomicFile.Write(path, "two\n");

        Assert.Equal("two\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["out.yml"], Directory.GetFiles(dir.File("sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAll_SameContent_LeavesTheFileUntouched()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.yml", "same\n");
        var before = File.GetLastWriteTimeUtc(path).AddMinutes(-5);
        File.SetLastWriteTimeUtc(path, before);

        var result = GeneratedFiles.WriteAll([new GeneratedFile(path, "same\n"), new GeneratedFile(dir.File("b.yml"), "new\n")]);

        Assert.Equal([FileChange.Unchanged, FileChange.Created], result.Select(r => r.Change));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Unified_OneChangedLine_ShowsItWithContext()
    {
        var diff = TextDiff.Unified("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n", "old", "new");

        Assert.Equal("--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", diff);
    }

    [Fact]
    public void Unified_NewFile_IsAllAdditions()
    {
        Assert.Equal("--- /dev/null\n+++ x\n@@ -0,0 +1,2 @@\n+a\n+b\n", TextDiff.Unified("", "a\nb\n", "/dev/null", "x"));
    }
}
