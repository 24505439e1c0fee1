namespace Lumen.Core.Guard;

/// <summary>A knob is named within its service.</summary>
public readonly record struct KnobKey(string Service, string Knob)
{
    public override string ToString() => $"{Service}/{Knob}";
}
