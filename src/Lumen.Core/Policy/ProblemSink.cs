using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Collects problems of one source with the usual "expected …, found …" wording.</summary>
internal sealed class ProblemSink(string source)
{
    private readonly ImmutableArray<ConfigProblem>.Builder _problems = ImmutableArray.CreateBuilder<ConfigProblem>();

    public ImmutableArray<ConfigProblem> ToImmutable() => _problems.ToImmutable();

    public void Add(string path, string message) => _problems.Add(new ConfigProblem(source, path, message));

    /// <summary>Checks lo ≤ value ≤ hi (or strict bounds); NaN and ±∞ always fail.</summary>
    public void Range(string path, double value, double lo, double hi, bool loOpen = false, bool hiOpen = false, string? why = null)
    {
        var ok = double.IsFinite(value)
            && (loOpen ? value > lo : value >= lo)
            && (hiOpen ? value < hi : value <= hi);
        if (!ok)
        {
            Add(path, $"expected a number in {(loOpen ? "(" : "[")}{ConfigText.Number(lo)}, {ConfigText.Number(hi)}{(hiOpen ? ")" : "]")}{(why is null ? "" : $" ({why})")}, found {ConfigText.Number(value)}");
        }
    }

    public void AtLeast(string path, double value, double lo, string? why = null)
    {
        if (!double.IsFinite(value) || value < lo)
        {
            Add(path, $"expected a number >= {ConfigText.Number(lo)}{(why is null ? "" : $" ({why})")}, found {ConfigText.Number(value)}");
        }
    }

    public void Positive(string path, double value, string? why = null)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            Add(path, $"expected a number > 0{(why is null ? "" : $" ({why})")}, found {ConfigText.Number(value)}");
        }
    }

    public void Identifier(string path, string name, string what)
    {
        if (!ConfigNames.IsIdentifier(name))
        {
            Add(path, $"expected a {what} name of {ConfigNames.IdentifierRule}, found {ConfigText.Quote(name)}");
        }
    }

    public void EnvVarName(string path, string? name)
    {
        if (name is not null && !ConfigNames.IsEnvVarName(name))
        {
            Add(path, $"expected an environment variable name ({ConfigNames.EnvVarRule}), found {ConfigText.Quote(name)}");
        }
    }

    public void HttpUrl(string path, Uri? url)
    {
        if (url is not null && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            Add(path, $"expected an absolute http(s) URL, found {ConfigText.Quote(url.OriginalString)}");
        }
    }
}
