using System.ComponentModel;
using System.Reflection;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests;

public sealed class HelpTextTests
{
    public static TheoryData<string> SettingsTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(LumenApp).Assembly.GetTypes()
                     .Where(t => typeof(CommandSettings).IsAssignableFrom(t) && !t.IsAbstract)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SettingsTypes))]
    public void EveryOptionAndArgument_HasADescription(string settingsType)
    {
        var type = typeof(LumenApp).Assembly.GetType(settingsType)!;
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<CommandOptionAttribute>() is not null
                        || p.GetCustomAttribute<CommandArgumentAttribute>() is not null)
            .ToList();

        Assert.All(parameters, p => Assert.False(
            string.IsNullOrWhiteSpace(p.GetCustomAttribute<DescriptionAttribute>()?.Description),
            $"{type.Name}.{p.Name} has no [Description]"));
    }

    [Fact]
    public void RootHelp_ListsEveryCommandWithADescription()
    {
        var console = new TestConsole().Width(200);

        var exit = LumenApp.Run(["--help"], console);

        Assert.Equal(0, exit);
        foreach (var command in new[] { "validate", "map", "params", "thresholds", "run", "health", "demo" })
        {
            var line = console.Lines.FirstOrDefault(l => l.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"'{command}' missing from help");
            Assert.True(line!.Trim().Length > command.Length + 10, $"'{command}' has no description");
        }
    }

    [Fact]
    public void DashDashVersion_PrintsWhatVersionPrints()
    {
        var viaOption = new TestConsole();
        var viaCommand = new TestConsole();

        Assert.Equal(0, LumenApp.Run(["--version"], viaOption));
        Assert.Equal(0, LumenApp.Run(["version"], viaCommand));
        Assert.StartsWith("lumen ", viaOption.Output, StringComparison.Ordinal);
        Assert.Equal(viaCommand.Output, viaOption.Output);
    }

    [Fact]
    public void Run_UnknownStage_Exits2AndWritesNothing()
    {
        var console = new TestConsole();
        var state = Path.Combine(Path.GetTempPath(), "lumen-run-" + Guid.NewGuid().ToString("N"));

        var exit = LumenApp.Run(["run", "--stage", "nosuchstage", "--once", "--state-dir", state], console);

        Assert.Equal(2, exit);
        Assert.Contains("nothing was changed", console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(state));
    }
}

public sealed class BadArgumentsTests
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("validate --no-such-option")]
    [InlineData("ledger show --since yesterday-ish")]
    public void Run_BadArguments_Exit2(string commandLine)
    {
        var console = new TestConsole();

        var exit = LumenApp.Run(commandLine.Split(' '), console);

        Assert.Equal(2, exit);
    }
}
