namespace Lumen.Simulator.Randomness;

/// <summary>Independent random streams, so one kind of draw never shifts another.</summary>
internal enum RandomStream
{
    LoadNoise = 1,
    Bursts = 2,
    Measurement = 3,
    Records = 4,
}
