namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>One knob at one value.</summary>
internal readonly record struct KnobSetting(string Knob, double Value);
