using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>Arguments of <c>lumen demo</c>.</summary>
internal sealed class DemoSettings : CommandSettings
{
    [CommandOption("--env <NAME|PATH>")]
    [Description("A shipped environment (steady, nyc-taxi, bursty, bad-release) or a YAML file. Default steady.")]
    [DefaultValue("steady")]
    public string Env { get; init; } = "steady";

    [CommandOption("--days <DAYS>")]
    [Description("Simulated days to run (fractions allowed, e.g. 0.25). Default 3.")]
    [DefaultValue(3.0)]
    public double Days { get; init; } = 3;

    [CommandOption("--seed <N>")]
    [Description("The seed of the simulator and the tuner's tie-breaks. Default 42.")]
    [DefaultValue(42UL)]
    public ulong Seed { get; init; } = 42;

    [CommandOption("--out <DIR>")]
    [Description("The output folder (replaced files: ledger, head, lumen.prom, reports/, LUMEN_DEMO_REPORT.md). Default ./out/demo, with --live ./out/demo-live.")]
    public string? Out { get; init; }

    [CommandOption("--live")]
    [Description("Run against real processes instead of the simulator: two demo-service instances, a real Prometheus (from PATH) and generated load, with the loop acting on the canary (docs/live.md).")]
    public bool Live { get; init; }

    [CommandOption("--minutes <M>")]
    [Description("With --live: how long the loop runs (one compressed day of traffic). Default 4.")]
    [DefaultValue(4.0)]
    public double Minutes { get; init; } = 4;

    /// <summary>With --live: the run length in seconds, replacing --minutes (for tests).</summary>
    [CommandOption("--seconds <S>", IsHidden = true)]
    [Description("With --live: the run length in seconds, replacing --minutes (hidden; for tests).")]
    public double? Seconds { get; init; }

    [CommandOption("--fixed-ports")]
    [System.ComponentModel.Description("With --live: baseline on 127.0.0.1:8080, canary on :8081, Prometheus on :9090 (the shipped config's addresses), admin token from $CHECKOUT_ADMIN_TOKEN")]
    public bool FixedPorts { get; init; }

    [CommandOption("--no-last-act")]
    [Description("Skip the last act (docs/demo.md): the canary check, approval and promotion of the tuned configuration, then a bad release caught and rolled back.")]
    public bool NoLastAct { get; init; }

    [CommandOption("--tuner <NAME>")]
    [Description("The tuner: lumen (default; learns knob values and keeps what wins) or linucb (the first tuner: one-step arms, every change reverted at its TTL; its rewards feed train-reward).")]
    [DefaultValue("lumen")]
    public string Tuner { get; init; } = "lumen";

    [CommandOption("--interactive")]
    [Description("In the last act, ask at the terminal whether to approve each promotion (default: the named demo approver grants it).")]
    public bool Interactive { get; init; }

    /// <summary>The output folder: --out, else the mode's default.</summary>
    public string OutputDirectory => Out ?? (Live ? "out/demo-live" : "out/demo");
}
