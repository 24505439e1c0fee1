using Lumen.Adapters.Executors;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Tests.Executors;

public sealed class ExecutorFactoryTests : IDisposable
{
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    private ExecutorFactory Factory => new(_client, TimeProvider.System);

    private static Dictionary<string, object?> Settings(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Create_UnknownKind_FailsListingTheKnownKinds()
    {
        var ex = Assert.Throws<ExecutorConfigurationException>(() => Factory.Create("kubernets", Settings()));

        Assert.Equal("unknown executor kind 'kubernets'; known kinds: memory, http, file, command, kubernetes", ex.Message);
    }

    [Theory]
    [InlineData("memory", typeof(InMemoryExecutor))]
    [InlineData("http", typeof(HttpExecutor))]
    [InlineData("file", typeof(FileExecutor))]
    [InlineData("command", typeof(CommandExecutor))]
    public void Create_EachKnownKind_BuildsItsExecutor(string kind, Type expected)
    {
        var settings = kind switch
        {
            "http" => Settings(("url", "http://127.0.0.1:8081/admin/config"), ("timeout_ms", 2000), ("token", "t")),
            "file" => Settings(("path", "/etc/search/canary.env"), ("reload_command", new List<object> { "systemctl", "reload", "x" })),
            "command" => Settings(("command", new List<object> { "/usr/local/bin/knobs", "--service", "checkout" }), ("timeout_ms", "5000")),
            _ => Settings(("initial", new Dictionary<object, object> { ["a"] = 1.5 })),
        };

        var executor = Factory.Create(kind, settings);

        Assert.IsType(expected, executor);
        Assert.Equal(kind, executor.Kind);
    }

    [Fact]
    public async Task Create_MemoryWithInitialValues_ServesThem()
    {
        var executor = Factory.Create("memory", Settings(("initial", new Dictionary<object, object> { ["a"] = "1.5" })));

        Assert.Equal(1.5, (await executor.GetAsync("a", CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData("http", "url", "not a url", "not an absolute URL")]
    [InlineData("http", "timeout_ms", "-5", "positive whole number")]
    [InlineData("file", "format", "toml", "format must be yaml, json or env")]
    [InlineData("http", "tokn", "x", "unknown setting(s) tokn")]
    public void Create_BadSetting_FailsNamingIt(string kind, string key, string value, string message)
    {
        var settings = kind == "http"
            ? Settings(("url", "http://127.0.0.1:1/a"))
            : Settings(("path", "/tmp/x.env"));
        settings[key] = value;

        var ex = Assert.Throws<ExecutorConfigurationException>(() => Factory.Create(kind, settings));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"executor {kind}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FileWithoutFormat_TakesItFromTheExtension()
    {
        var ex = Assert.Throws<ExecutorConfigurationException>(() => Factory.Create("file", Settings(("path", "/etc/x.conf"))));

        Assert.Contains("not 'conf'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FileExecutor>(Factory.Create("file", Settings(("path", "/etc/x.yml"))));
    }

    [Fact]
    public void Create_MissingRequiredSetting_Fails()
    {
        var ex = Assert.Throws<ExecutorConfigurationException>(() => Factory.Create("command", Settings()));

        Assert.Contains("command is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithKind_AddedKind_IsKnownAndListedAfterTheBuiltIns()
    {
        var factory = Factory.WithKind("kubernetes", _ => new InMemoryExecutor());

        Assert.Equal(["memory", "http", "file", "command", "kubernetes"], factory.KnownKinds.ToArray());
        Assert.NotNull(factory.Create("kubernetes", Settings()));
    }
}
