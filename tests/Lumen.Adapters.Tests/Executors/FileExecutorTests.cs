using System.Collections.Immutable;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Tests.TestKit;

namespace Lumen.Adapters.Tests.Executors;

public sealed class FileExecutorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteFile(string name, string content)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("canary.env", ConfigFileFormat.Env, "# comment\nCONCURRENCY_LIMIT=16 # slots\nOTHER=x\n", "# comment\nCONCURRENCY_LIMIT=20 # slots\nOTHER=x\n")]
    [InlineData("canary.json", ConfigFileFormat.Json, "{\n  \"CONCURRENCY_LIMIT\": 16,\n  \"other\": \"x\"\n}\n", "{\n  \"CONCURRENCY_LIMIT\": 20,\n  \"other\": \"x\"\n}\n")]
    [InlineData("canary.yaml", ConfigFileFormat.Yaml, "# comment\nCONCURRENCY_LIMIT: 16 # slots\nother: x\n", "# comment\nCONCURRENCY_LIMIT: 20 # slots\nother: x\n")]
    public async Task SetAsync_EachFormat_RewritesOneKeyAndReadsItBack(string name, ConfigFileFormat format, string before, string after)
    {
        var path = WriteFile(name, before);
        var executor = new FileExecutor(new FileExecutorOptions(path, format));

        var set = await executor.SetAsync("CONCURRENCY_LIMIT", 20, CancellationToken.None);
        var get = await executor.GetAsync("CONCURRENCY_LIMIT", CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal(20, get.Value);
        Assert.Equal(after, await File.ReadAllTextAsync(path));
        Assert.Equal([name], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SetAsync_KeysMapping_EditsTheMappedKey()
    {
        var path = WriteFile("svc.env", "CACHE_SIZE_MB=512\n");
        var keys = ImmutableDictionary<string, string>.Empty.Add("cache_size_mb", "CACHE_SIZE_MB");
        var executor = new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env, Keys: keys));

        var set = await executor.SetAsync("cache_size_mb", 576, CancellationToken.None);

        Assert.Equal(576, set.Value);
        Assert.Equal("CACHE_SIZE_MB=576\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task SetAsync_ReloadCommandSucceeds_CapturesItsOutput()
    {
        var path = WriteFile("svc.env", "A=1\n");
        var marker = _dir.File("reloaded");
        var reload = _dir.Script("reload.sh", $"cp \"$1\" '{marker}'\necho reloaded ok\n");
        var executor = new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env, [reload, path]));

        var set = await executor.SetAsync("A", 2, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Contains("exit code 0: reloaded ok", set.Detail, StringComparison.Ordinal);
        Assert.Equal("A=2\n", await File.ReadAllTextAsync(marker)); // the reload saw the new file
    }

    [Fact]
    public async Task SetAsync_ReloadCommandFails_ReportsItAndRestoresThePreviousFile()
    {
        var path = WriteFile("svc.env", "# keep me\nA=1\n");
        var reload = _dir.Script("reload.sh", "echo 'config rejected' >&2\nexit 3\n");
        var executor = new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env, [reload]));

        var set = await executor.SetAsync("A", 2, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.False(set.Transient);
        Assert.Contains("exit code 3: config rejected", set.Reason, StringComparison.Ordinal);
        Assert.Contains("previous content restored", set.Reason, StringComparison.Ordinal);
        Assert.Equal("# keep me\nA=1\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task SetAsync_ReloadProgramMissing_FailsAndRestores()
    {
        var path = WriteFile("svc.env", "A=1\n");
        var executor = new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env, [_dir.File("no-such-program")]));

        var set = await executor.SetAsync("A", 2, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.Contains("could not start", set.Reason, StringComparison.Ordinal);
        Assert.Equal("A=1\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task SetAsync_FileMissing_FailsWithoutCreatingIt()
    {
        var path = _dir.File("absent.env");
        var executor = new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env));

        var set = await executor.SetAsync("A", 2, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.Contains("does not exist", set.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SetAsync_ExistingFileMode_IsKept()
    {
        var path = WriteFile("svc.env", "A=1\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        await new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env)).SetAsync("A", 2, CancellationToken.None);

        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task SetAsync_Utf8Bom_IsKept()
    {
        var path = _dir.File("svc.env");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. "A=1\n"u8.ToArray()]);

        await new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Env)).SetAsync("A", 2, CancellationToken.None);

        Assert.Equal([0xEF, 0xBB, 0xBF, .. "A=2\n"u8.ToArray()], await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task SetAsync_UneditableYaml_FailsAndLeavesTheFileAlone()
    {
        var path = WriteFile("svc.yaml", "limits:\n  a: 1\n");

        var set = await new FileExecutor(new FileExecutorOptions(path, ConfigFileFormat.Yaml)).SetAsync("limits", 2, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.Equal("limits:\n  a: 1\n", await File.ReadAllTextAsync(path));
    }
}
