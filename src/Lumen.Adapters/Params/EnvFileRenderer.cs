using System.Collections.Immutable;
using System.Text;

namespace Lumen.Adapters.Params;

/// <summary>Renders the variables of <see cref="StageParameters"/> as a <c>.env</c> file and as <c>export</c> lines.</summary>
public static class EnvFileRenderer
{
    /// <summary>The .env file: a header, then <c>NAME='value'</c> lines (readable by <c>set -a; . ./.env.STAGE</c>,
    /// systemd's EnvironmentFile and docker compose).</summary>
    public static string EnvFile(string stage, ImmutableArray<EnvVariable> variables)
    {
        var sb = new StringBuilder();
        sb.Append("# Lumen parameters for stage ").Append(stage).Append(", written by `lumen params ").Append(stage).Append("`\n");
        sb.Append("# from the config directory with the environment overrides applied. Do not edit: run `make params-")
            .Append(stage).Append("`.\n");
        sb.Append("# No secrets here: LUMEN_SECRET_ENV_NAMES lists the variables (or their *_FILE twins) that hold them.\n");
        foreach (var v in variables)
        {
            sb.Append(v.Name).Append('=').Append(ShellQuote.Quote(v.Value)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The same variables as <c>export NAME='value'</c> lines, for <c>eval "$(lumen params STAGE)"</c>.</summary>
    public static string Exports(ImmutableArray<EnvVariable> variables)
    {
        var sb = new StringBuilder();
        foreach (var v in variables)
        {
            sb.Append("export ").Append(v.Name).Append('=').Append(ShellQuote.Quote(v.Value)).Append('\n');
        }

        return sb.ToString();
    }
}
