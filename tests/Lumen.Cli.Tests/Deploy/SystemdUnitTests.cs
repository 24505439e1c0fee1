namespace Lumen.Cli.Tests.Deploy;

/// <summary>deploy/systemd: checked by the real <c>systemd-analyze verify</c> (no systemd runs the units here).</summary>
public sealed class SystemdUnitTests : IDisposable
{
    private static readonly string[] Units = ["lumen.service", "lumen-once.service", "lumen-once.timer"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lumen-systemd-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Units_SystemdAnalyzeVerify_NoErrorsNoWarnings()
    {
        var result = Verify(text => text);

        Assert.True(result.ExitCode == 0 && result.StdOut.Length == 0 && result.StdErr.Length == 0, result.Describe("systemd-analyze verify"));
    }

    [Fact]
    public void Verify_MisspelledDirective_IsReported()
    {
        // The check above would pass vacuously if systemd-analyze ignored our files.
        var result = Verify(text => text.Replace("ProtectSystem=strict", "ProtectSystm=strict", StringComparison.Ordinal));

        Assert.Contains("Unknown key 'ProtectSystm'", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lumen.service")]
    [InlineData("lumen-once.service")]
    public void Service_IsHardenedAndReadsSecretsThroughCredentials(string unit)
    {
        var lines = File.ReadAllLines(Path.Combine(Tool.RepoRoot, "deploy", "systemd", unit));

        foreach (var directive in new[]
                 {
                     "DynamicUser=yes", "StateDirectory=lumen", "ProtectSystem=strict", "NoNewPrivileges=yes", "ProtectHome=yes",
                     "PrivateTmp=yes", "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                     "SystemCallFilter=@system-service", "Environment=LUMEN_STATE_DIR=%S/lumen",
                     "LoadCredential=ledger-key:/etc/lumen/credentials/ledger-key.pem", "Environment=LUMEN_LEDGER_KEY_FILE=%d/ledger-key.pem",
                 })
        {
            Assert.Contains(directive, lines);
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("User=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ExecStart=/usr/local/bin/lumen run --stage ${LUMEN_STAGE}", StringComparison.Ordinal));
        Assert.Equal(unit == "lumen-once.service", lines.Any(l => l.StartsWith("ExecStart=", StringComparison.Ordinal) && l.EndsWith("--once", StringComparison.Ordinal)));

        // The long-running loop gets the young-generation budget the Native AOT build carries, whichever build is installed.
        Assert.Equal(unit == "lumen.service", lines.Contains("Environment=DOTNET_GCgen0size=2000000"));
    }

    private Tool.Result Verify(Func<string, string> edit)
    {
        Directory.CreateDirectory(_dir);
        // systemd-analyze checks that ExecStart's program exists: point it at a stub in the temp dir.
        var stub = Path.Combine(_dir, "lumen");
        File.WriteAllText(stub, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var unit in Units)
        {
            var text = File.ReadAllText(Path.Combine(Tool.RepoRoot, "deploy", "systemd", unit));
            File.WriteAllText(Path.Combine(_dir, unit), edit(text.Replace("/usr/local/bin/lumen", stub, StringComparison.Ordinal)));
        }

        return Tool.Run("systemd-analyze", _dir, null, ["verify", .. Units.Select(u => Path.Combine(_dir, u))]);
    }
}
