using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Tests.Crash;

public sealed class CrashHookTests
{
    [Fact]
    public void Parse_PointWithOccurrence_FiresOnlyOnThatHit()
    {
        var hits = new List<CrashPoint>();
        var hook = CrashHook.Parse("before_rollback:2", hits.Add);

        hook.At(CrashPoint.BeforeRollback);
        hook.At(CrashPoint.BeforeApply);
        hook.At(CrashPoint.BeforeRollback);
        hook.At(CrashPoint.BeforeRollback);

        Assert.Equal([CrashPoint.BeforeRollback], hits);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Unset_NeverFires(string? value)
    {
        Assert.Same(CrashHook.None, CrashHook.Parse(value));
    }

    [Theory]
    [InlineData("before_aply")]
    [InlineData("after_apply:0")]
    [InlineData("after_apply:x")]
    public void Parse_Misspelt_Throws(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => CrashHook.Parse(value));
        Assert.Contains(CrashHook.EnvVar, e.Message, StringComparison.Ordinal);
    }
}
