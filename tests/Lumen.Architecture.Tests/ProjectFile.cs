using System.Xml.Linq;

namespace Lumen.Architecture.Tests;

/// <summary>What one .csproj declares: the projects it references, its packages and the assemblies it shows its internals to.</summary>
internal sealed record ProjectFile(string Name, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> Packages, IReadOnlyList<string> InternalsVisibleTo)
{
    public static ProjectFile Load(string path) => Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));

    public static ProjectFile Parse(string name, string xml)
    {
        var doc = XDocument.Parse(xml);
        IReadOnlyList<string> Includes(string element) =>
            doc.Descendants(element).Select(e => (string?)e.Attribute("Include")).OfType<string>().ToList();

        var references = Includes("ProjectReference")
            .Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/')))
            .ToList();
        return new ProjectFile(name, references, Includes("PackageReference"), Includes("InternalsVisibleTo"));
    }
}
