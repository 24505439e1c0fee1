namespace Lumen.Integration.Tests.Coordination;

/// <summary>The 300-service scale-out figures: run only when <c>LUMEN_SCALE_FIGURES=1</c> (about a minute).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ScaleFiguresFactAttribute : FactAttribute
{
    public const string Variable = "LUMEN_SCALE_FIGURES";

    public ScaleFiguresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"the 300-service figures take about a minute: set {Variable}=1 to run them";
        }
    }
}
