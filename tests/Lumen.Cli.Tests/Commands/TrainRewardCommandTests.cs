using System.Text.Json;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

[Trait("Speed", "Slow")] // runs the demo for simulated days first
public sealed class TrainRewardCommandTests
{
    [Fact]
    public void TrainReward_OneDayDemoLedger_WritesTheModelAndReportsTheHeldOutError()
    {
        using var temp = new TempDir();
        Assert.Equal(ExitCodes.Ok, LumenApp.Run(["demo", "--days", "1", "--seed", "3", "--tuner", "linucb", "--out", temp.Path], new TestConsole()));
        var console = new TestConsole();
        console.Profile.Width = 300;

        var code = LumenApp.Run(["train-reward", "--ledger", Path.Combine(temp.Path, "proof_ledger.jsonl")], console);

        Assert.True(code == ExitCodes.Ok, console.Output);
        var model = Path.Combine(temp.Path, "models", "reward.json");
        using var json = JsonDocument.Parse(File.ReadAllText(model));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Contains("RMSE", console.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TrainReward_TooFewRewards_Exits2AndWritesNothing()
    {
        using var temp = new TempDir();
        // A quarter day: the mapper has not enough history yet, so no reward is observed.
        Assert.Equal(ExitCodes.Ok, LumenApp.Run(["demo", "--days", "0.25", "--seed", "3", "--tuner", "linucb", "--out", temp.Path], new TestConsole()));
        var console = new TestConsole();

        var code = LumenApp.Run(["train-reward", "--ledger", Path.Combine(temp.Path, "proof_ledger.jsonl")], console);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.False(File.Exists(Path.Combine(temp.Path, "models", "reward.json")));
    }
}
