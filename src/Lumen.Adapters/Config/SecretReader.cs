using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Reads a secret NAME from the environment variable NAME, or from the file named by NAME_FILE
/// (the Docker/Kubernetes convention). Both set is an error (which one wins would be a guess); a missing
/// or unreadable file is an error naming the variable. Values are never put into messages.</summary>
public sealed class SecretReader(IEnvironmentVariables env)
{
    public const string FileSuffix = "_FILE";

    public SecretResult Read(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var fileVar = name + FileSuffix;
        var direct = env.Get(name) is { Length: > 0 } d ? d : null;
        var path = env.Get(fileVar) is { Length: > 0 } f ? f : null;
        if (direct is not null && path is not null)
        {
            return SecretResult.Failed(name, $"both {name} and {fileVar} are set: expected only one of them");
        }

        if (direct is not null)
        {
            return SecretResult.Found(name, direct, name);
        }

        if (path is null)
        {
            return SecretResult.NotSet(name);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var why = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.GetType().Name;
            return SecretResult.Failed(name, $"{fileVar} names \"{path}\": expected a readable file, found {why}");
        }

        // Files written by `echo` or editors end with a newline that is not part of the secret.
        var value = text.TrimEnd('\r', '\n');
        return value.Length == 0
            ? SecretResult.Failed(name, $"{fileVar} names \"{path}\": expected the secret in it, found an empty file")
            : SecretResult.Found(name, value, path);
    }
}
