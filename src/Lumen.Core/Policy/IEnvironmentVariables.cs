namespace Lumen.Core.Policy;

/// <summary>Read-only access to environment variables, so logic never touches
/// <see cref="System.Environment"/> and tests pass a dictionary.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The value, or null when the variable is not set.</summary>
    string? Get(string name);
}
