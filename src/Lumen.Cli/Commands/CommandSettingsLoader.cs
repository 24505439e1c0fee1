using System.Diagnostics.CodeAnalysis;
using Lumen.Adapters.Config;
using Lumen.Core.Policy;
using Spectre.Console;

namespace Lumen.Cli.Commands;

/// <summary>
/// The configuration as a command loads it: <see cref="SettingsLoader"/>, and on failure every error
/// (<c>file:line:column: key: message</c>) printed on the console, so the command only returns
/// <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal static class CommandSettingsLoader
{
    public static bool TryLoad(
        IAnsiConsole console, IEnvironmentVariables env, string? configDir, string? stage, [NotNullWhen(true)] out LumenSettings? settings)
    {
        var loaded = SettingsLoader.Load(env, configDir, stage);
        if (loaded.IsValid)
        {
            settings = loaded.Settings!;
            return true;
        }

        foreach (var error in loaded.Errors)
        {
            console.WriteLine(error.ToString());
        }

        settings = null;
        return false;
    }
}
