namespace Lumen.Core.Policy;

/// <summary>The direction of a proposed knob step.</summary>
public enum KnobDirection
{
    Increase,
    Decrease,
}
