using Lumen.LoopHarness;

return await HarnessRunner.RunAsync(HarnessArguments.Parse(args));
