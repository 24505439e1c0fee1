using System.Text.RegularExpressions;

namespace Lumen.Architecture.Tests;

/// <summary>
/// Time comes from an injected <see cref="TimeProvider"/>. Reading the system clock directly is
/// allowed only where the process is composed (docs/architecture.md, "Time"). Exceptions would be
/// listed in <see cref="ReadsTheClockDirectly"/>; there are none left, and a new one is a decision.
/// </summary>
public sealed partial class ClockTests
{
    private static readonly HashSet<string> ReadsTheClockDirectly = new(StringComparer.Ordinal);

    /// <summary>
    /// The composition roots: where a process's one <see cref="TimeProvider"/> is chosen and handed on.
    /// <c>lumen</c> chooses it in <c>LumenApp</c> and gives it to the commands; the demo service runs as
    /// its own process (started by the live demo and the integration tests) and chooses its clock in its
    /// <c>Program</c>, which hands it to <c>DemoApp.Build</c>.
    /// </summary>
    private static readonly HashSet<string> CompositionRoot = new(StringComparer.Ordinal)
    {
        "src/Lumen.Cli/LumenApp.cs",
        "src/Lumen.DemoService/Program.cs",
    };

    [GeneratedRegex(@"\b(TimeProvider\.System|DateTime\.(Now|UtcNow|Today)|DateTimeOffset\.(Now|UtcNow))\b")]
    private static partial Regex SystemClock();

    [Fact]
    public void ProductCode_ReadsTheSystemClock_OnlyWhereListed()
    {
        var readers = ClockReaders();

        var unlisted = readers.Where(f => !ReadsTheClockDirectly.Contains(f) && !CompositionRoot.Contains(f)).ToList();
        Assert.True(unlisted.Count == 0, "take a TimeProvider instead of reading the clock: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void TheList_NamesOnlyFilesThatStillReadTheClock()
    {
        var readers = ClockReaders().ToHashSet(StringComparer.Ordinal);

        var stale = ReadsTheClockDirectly.Concat(CompositionRoot).Where(f => !readers.Contains(f)).ToList();
        Assert.True(stale.Count == 0, "remove from the list (they no longer read the clock): " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData("var now = DateTimeOffset.UtcNow;", true)]
    [InlineData("TimeProvider time = TimeProvider.System;", true)]
    [InlineData("DateTimeOffset Now,", false)]
    [InlineData("public DateTimeOffset Now => start;", false)]
    public void Pattern_TellsAClockReadFromANameCalledNow(string line, bool reads)
    {
        Assert.Equal(reads, SystemClock().IsMatch(line));
    }

    private static List<string> ClockReaders() =>
        Repository.Files(["src"], ".cs")
            .Where(f => SystemClock().IsMatch(File.ReadAllText(f)))
            .Select(Repository.Relative)
            .ToList();
}
