using Lumen.DemoService;

// dotnet run --project src/Lumen.DemoService -- --service checkout --track canary --urls http://127.0.0.1:8081 --seed 1
// The demo service's own composition root (it runs as its own process): the one clock is chosen here.
var app = DemoApp.Build(args, TimeProvider.System);
await app.RunAsync();
