using Lumen.Core.Decisions.Bandit;

namespace Lumen.Core.Tests.Decisions.Bandit;

public sealed class LinUcbJsonTests
{
    private static LinUcbModel Trained(out Random random)
    {
        random = new Random(99);
        var model = LinUcbModel.Create(Arm.ForKnobs(["concurrency_limit", "cache_size_mb"]), 5, seed: 12345678901234567UL, recomputeEvery: 50);
        var settings = new LinUcbSettings(0.8, false);
        for (var t = 0; t < 777; t++)
        {
            var x = TestRandom.Context(random, 5);
            var chosen = model.Select(x, settings).ChosenIndex;
            model.Update(chosen, x, TestRandom.Gaussian(random) / 3);
        }

        return model;
    }

    [Fact]
    public void ToJson_FromJson_RoundTripsBitExact()
    {
        var model = Trained(out _);

        var json = model.ToJson();
        var loaded = LinUcbModel.FromJson(json);

        Assert.True(loaded.IsOk, loaded.Error);
        var copy = loaded.Value;
        Assert.Equal(json, copy.ToJson());
        Assert.Equal(model.Decisions, copy.Decisions);
        Assert.Equal(model.Seed, copy.Seed);
        Assert.Equal(model.Arms.ToArray(), copy.Arms.ToArray());
        for (var arm = 0; arm < model.Arms.Length; arm++)
        {
            Assert.Equal(Bits(model.Matrix(arm)), Bits(copy.Matrix(arm)));
            Assert.Equal(Bits(model.Inverse(arm)), Bits(copy.Inverse(arm)));
            Assert.Equal(Bits(model.RewardSums(arm)), Bits(copy.RewardSums(arm)));
            Assert.Equal(Bits(model.Theta(arm)), Bits(copy.Theta(arm)));
            Assert.Equal(model.UpdatesOf(arm), copy.UpdatesOf(arm));
        }
    }

    [Fact]
    public void FromJson_LoadedModel_ContinuesWithIdenticalDecisions()
    {
        var model = Trained(out var random);
        var copy = LinUcbModel.FromJson(model.ToJson()).Value!;
        var settings = new LinUcbSettings(0.8, false);
        for (var t = 0; t < 300; t++)
        {
            var x = TestRandom.Context(random, 5);
            var a = model.Select(x, settings);
            var b = copy.Select(x, settings);
            Assert.Equal(a.ChosenIndex, b.ChosenIndex);
            Assert.Equal(a.Scores.ToArray(), b.Scores.ToArray());
            model.Update(a.ChosenIndex, x, t % 3);
            copy.Update(b.ChosenIndex, x, t % 3);
        }
    }

    [Fact]
    public void ToJson_HasFormatVersionAndSnakeCaseNames()
    {
        var json = LinUcbModel.Create(Arm.ForKnobs(["k"]), 2, seed: 3).ToJson();

        Assert.StartsWith("{\"format\":\"lumen.linucb\",\"version\":1,\"dimension\":2,", json, StringComparison.Ordinal);
        Assert.Contains("\"a_inverse\":[1,0,0,1]", json, StringComparison.Ordinal);
        Assert.Contains("\"arm\":\"k:increase\",\"knob\":\"k\",\"direction\":\"increase\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\":\"something.else\",\"version\":1}")]
    [InlineData("null")]
    public void FromJson_ForeignDocument_FailsWithReason(string json)
    {
        var result = LinUcbModel.FromJson(json);

        Assert.False(result.IsOk);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void FromJson_NewerVersion_FailsWithReason()
    {
        var json = LinUcbModel.Create(Arm.ForKnobs(["k"]), 2, seed: 3).ToJson().Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);

        var result = LinUcbModel.FromJson(json);

        Assert.False(result.IsOk);
        Assert.Contains("version 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WrongMatrixSize_FailsWithReason()
    {
        var json = LinUcbModel.Create(Arm.ForKnobs(["k"]), 2, seed: 3).ToJson().Replace("\"a\":[1,0,0,1]", "\"a\":[1,0,0]", StringComparison.Ordinal);

        var result = LinUcbModel.FromJson(json);

        Assert.False(result.IsOk);
        Assert.Contains("wrong size", result.Error, StringComparison.Ordinal);
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }
}
