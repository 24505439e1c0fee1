namespace Lumen.Soak;

/// <summary>The faults, one at a time, and the drain that ends the soak.</summary>
internal sealed partial class SoakRunner
{
    private async Task InjectAsync(FaultEvent fault)
    {
        var start = _time.GetUtcNow();
        Say($"fault: {FaultKinds.Name(fault.Kind)} for {fault.Duration.TotalSeconds:0} s{(fault.Magnitude != 0 ? $" (+{fault.Magnitude} s)" : "")}");
        switch (fault.Kind)
        {
            case FaultKind.PrometheusRestart:
                await _prometheus.KillAsync();
                await Task.Delay(fault.Duration);
                await _prometheus.StartAgainAsync(_http);
                break;
            case FaultKind.PrometheusStall:
                await ProxyFaultAsync(_promProxy, FaultMode.Stall, fault.Duration);
                break;
            case FaultKind.PrometheusGarbage:
                await ProxyFaultAsync(_promProxy, FaultMode.Garbage, fault.Duration);
                break;
            case FaultKind.TargetServerError:
                await ProxyFaultAsync(_targetProxy, FaultMode.ServerError, fault.Duration);
                _blocked.Add(new BlockedWindow(start, _time.GetUtcNow(), "target answered 503"));
                break;
            case FaultKind.TargetStall:
                await ProxyFaultAsync(_targetProxy, FaultMode.Stall, fault.Duration);
                _blocked.Add(new BlockedWindow(start, _time.GetUtcNow(), "target stalled"));
                break;
            case FaultKind.Kill9:
                await _child!.Kill9Async();
                CountExit(_child!.ExitCode);
                await Task.Delay(fault.Duration);
                await RestartAsync(start, "killed");
                break;
            case FaultKind.DiskFull:
                await DiskFullAsync(fault, start);
                break;
            case FaultKind.ClockJump:
                _clock!.Set(fault.Magnitude);
                await SuperviseUntilAsync(start + fault.Duration);
                _clock.Set(0); // and back: a step backwards
                break;
            default:
                throw new InvalidOperationException($"unknown fault {fault.Kind}");
        }
    }

    private static async Task ProxyFaultAsync(FaultProxy proxy, FaultMode mode, TimeSpan duration)
    {
        proxy.Mode = mode;
        await Task.Delay(duration);
        proxy.Mode = FaultMode.Pass;
    }

    /// <summary>
    /// Fills the state directory's filesystem: the loop must meet ENOSPC on its next ledger write, restore
    /// and ledger every open adjustment and exit 9; a start while still full must say "disk full" and exit
    /// 9 too. Then the filler goes and the loop starts again.
    /// </summary>
    private async Task DiskFullAsync(FaultEvent fault, DateTimeOffset start)
    {
        var openBefore = LedgerAudit.OpenCount(LedgerAudit.Read(LedgerPath));
        var filled = _disk!.Fill();
        int? code = null;
        try
        {
            code = await _child!.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // Judged below.
        }

        if (code is { } c)
        {
            CountExit(c);
        }

        var openAfter = LedgerAudit.OpenCount(LedgerAudit.Read(LedgerPath));
        var ok = code == 9 && _child!.Output.Contains("Disk full", StringComparison.OrdinalIgnoreCase) && openAfter == 0;
        _diskChecks.Add($"filled {filled / 1024} KiB; the loop exited {(code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not at all in 60 s")} with {openBefore} open adjustment(s), {openAfter} left open{(ok ? "" : ": " + Tail(_child!.Output))}");
        if (!ok)
        {
            _problems.Add($"enospc: expected exit 9 with every open adjustment restored; got {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no exit"} and {openAfter} open");
            if (code is null)
            {
                await _child!.Kill9Async();
            }
        }

        // A start while the disk is still full: "disk full", exit 9, not "bad input".
        StartLumen();
        int? again = null;
        try
        {
            again = await _child!.WaitAsync(TimeSpan.FromSeconds(60));
            CountExit(again.Value);
        }
        catch (TimeoutException)
        {
            await _child!.Kill9Async();
        }

        var restartOk = again == 9 && _child!.Output.Contains("disk full", StringComparison.Ordinal);
        _diskChecks.Add($"a start on the full disk exited {again?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not at all in 60 s"}{(restartOk ? " saying disk full" : ": " + Tail(_child!.Output))}");
        if (!restartOk)
        {
            _problems.Add($"enospc: a start on a full disk should exit 9 saying disk full; got {again?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no exit"}");
        }

        var leftovers = Directory.GetFiles(_stateDir, "*.tmp");
        if (leftovers.Length > 0)
        {
            _problems.Add($"enospc: temp files left behind: {string.Join(", ", leftovers.Select(Path.GetFileName))}");
        }

        _disk.Free();
        await Task.Delay(fault.Duration);
        await RestartAsync(start, "disk full");
    }

    /// <summary>
    /// The end: no more faults, the load stops so the rule falls silent, every open adjustment comes back
    /// at its ttl, then a clean stop (SIGTERM, exit 0).
    /// </summary>
    private async Task DrainAsync()
    {
        _clock?.Set(0);
        Say("drain: load stopped; waiting for every open adjustment to be restored");
        if (_load is not null)
        {
            await _load.DisposeAsync();
            _load = null;
        }

        var deadline = _time.GetUtcNow() + Ttl + TimeSpan.FromSeconds(60);
        var quietSince = (DateTimeOffset?)null;
        while (_time.GetUtcNow() < deadline)
        {
            await SuperviseUntilAsync(_time.GetUtcNow() + TimeSpan.FromMilliseconds(500));
            var entries = LedgerAudit.Read(LedgerPath);
            var open = LedgerAudit.OpenCount(entries);
            if (open > 0)
            {
                quietSince = null;
                continue;
            }

            quietSince ??= _time.GetUtcNow();
            if (_time.GetUtcNow() - quietSince > 3 * Interval)
            {
                break;
            }
        }

        var code = await _child!.TerminateAsync(TimeSpan.FromSeconds(30));
        if (code is { } c)
        {
            CountExit(c);
        }

        if (code != 0)
        {
            _problems.Add($"the clean stop (SIGTERM) ended with {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no exit in 30 s"}: {Tail(_child!.Output)}");
        }

        Say($"lumen run stopped with {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
    }
}
