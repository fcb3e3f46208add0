using Cbvr.Search.Ranking;

namespace Cbvr.Search.Tests.Ranking;

public sealed class ScoreNormalizerTests
{
    [Theory]
    [InlineData(ScoreNormalization.ZScore)]
    [InlineData(ScoreNormalization.Rank)]
    public void Normalize_IsInvariantToAnAffineRescaling(ScoreNormalization method)
    {
        var random = new Random(3);
        // Distinct grid values (with a few ties) so float rounding after rescaling cannot merge or split ties.
        var raw = Enumerable.Range(0, 300).Select(_ => random.Next(200) / 8f).ToArray();
        var present = raw.Select((_, i) => i % 7 != 0).ToArray();
        var rescaled = raw.Select(s => (3.5f * s) - 40f).ToArray();
        Assert.Equal(ScoreNormalizer.Normalize(raw, method, present), ScoreNormalizer.Normalize(rescaled, method, present), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public void ZScore_HasMeanZeroAndUnitDeviation()
    {
        var z = ScoreNormalizer.Normalize([1f, 2f, 3f, 4f], ScoreNormalization.ZScore);
        Assert.Equal(0, z.Average(), 6);
        Assert.Equal(1, Math.Sqrt(z.Average(v => v * v)), 5);
    }

    [Fact]
    public void Rank_GivesTheBestOneAndTiesTheirMeanRank()
    {
        Assert.Equal([1f, 0.625f, 0.625f, 0.25f], ScoreNormalizer.Normalize([9f, 5f, 5f, 1f], ScoreNormalization.Rank));
    }

    [Theory]
    [InlineData(ScoreNormalization.ZScore)]
    [InlineData(ScoreNormalization.Rank)]
    public void AbsentItems_GetTheLowestNormalisedValue_AndConstantInputGivesZeros(ScoreNormalization method)
    {
        var normalised = ScoreNormalizer.Normalize([100f, 3f, 2f, float.NaN, 1f], method, [false, true, true, true, true]);
        Assert.Equal(normalised[4], normalised[0]);
        Assert.Equal(normalised[4], normalised[3]);
        Assert.True(normalised[1] > normalised[2] && normalised[2] > normalised[4]);
        Assert.All(ScoreNormalizer.Normalize([0.3f, 0.3f, 0.3f], method), v => Assert.Equal(0f, v));
    }
}
