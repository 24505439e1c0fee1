using Lumen.Cli;

return LumenApp.Run(args);
