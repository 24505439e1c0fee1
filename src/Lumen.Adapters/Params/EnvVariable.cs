namespace Lumen.Adapters.Params;

/// <summary>One line of a <c>.env</c> file: a variable and its (never secret) value.</summary>
public readonly record struct EnvVariable(string Name, string Value);
