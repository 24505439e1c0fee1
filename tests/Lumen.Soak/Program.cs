using Lumen.Soak;

return await SoakCommand.RunAsync(args, Console.Out, Console.Error);
