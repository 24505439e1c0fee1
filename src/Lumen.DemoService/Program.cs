using Lumen.DemoService;

// dotnet run --project src/Lumen.DemoService -- --service checkout --track canary --urls http://127.0.0.1:8081 --seed 1
var app = DemoApp.Build(args);
await app.RunAsync();
