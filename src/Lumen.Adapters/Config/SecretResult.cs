namespace Lumen.Adapters.Config;

/// <summary>The outcome of reading a secret: not set, a value, or an error. <see cref="ToString"/>
/// never shows the value, so a result can be logged safely.</summary>
public sealed record SecretResult
{
    private SecretResult(string name, string? value, string? error, string? source)
    {
        Name = name;
        Value = value;
        Error = error;
        Source = source;
    }

    public string Name { get; }

    /// <summary>The secret, or null when not set or on error. Never log it.</summary>
    public string? Value { get; }

    /// <summary>What is wrong (names the variable, never the value), or null.</summary>
    public string? Error { get; }

    /// <summary>Where the value came from: the variable name or the file path.</summary>
    public string? Source { get; }

    public bool IsSet => Value is not null;

    public bool IsError => Error is not null;

    public static SecretResult NotSet(string name) => new(name, null, null, null);

    public static SecretResult Found(string name, string value, string source) => new(name, value, null, source);

    public static SecretResult Failed(string name, string error) => new(name, null, error, null);

    public override string ToString() =>
        IsError ? $"{Name}: error: {Error}" : IsSet ? $"{Name}: set (from {Source}, value hidden)" : $"{Name}: not set";
}
