namespace Lumen.Core.Guard;

/// <summary>A knob is named within its service.</summary>
internal readonly record struct KnobKey(string Service, string Knob)
{
    public override string ToString() => $"{Service}/{Knob}";
}
