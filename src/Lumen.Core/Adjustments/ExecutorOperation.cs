namespace Lumen.Core.Adjustments;

/// <summary>The two things an executor does.</summary>
public enum ExecutorOperation
{
    Get,
    Set,
}
