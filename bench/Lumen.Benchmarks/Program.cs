using BenchmarkDotNet.Running;
using Lumen.Benchmarks;

if (args.Length > 0 && args[0] == "append-loop")
{
    return await AppendLoop.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "canonical-loop")
{
    return CanonicalLoop.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
