using Cbvr.Search.Ranking;

namespace Cbvr.Search.Tests.Ranking;

public sealed class LateFusionTests
{
    private static readonly Dictionary<string, double> NoWeights = [];

    [Theory]
    [InlineData(ScoreNormalization.ZScore)]
    [InlineData(ScoreNormalization.Rank)]
    public void OneModality_KeepsItsRanking(ScoreNormalization method)
    {
        var scores = RandomScores(1, 1000);
        var fused = LateFusion.Fuse([new ModalityScores("text", scores)], NoWeights, method);
        Assert.Equal(RankedList.Order(scores), RankedList.Order(fused));
    }

    [Theory]
    [InlineData(ScoreNormalization.ZScore)]
    [InlineData(ScoreNormalization.Rank)]
    public void ADuplicatedModality_WithItsWeightSplit_GivesTheOriginalRanking(ScoreNormalization method)
    {
        var concepts = RandomScores(2, 1000);
        var text = RandomScores(3, 1000);
        var original = LateFusion.Fuse(
            [new ModalityScores("concepts", concepts), new ModalityScores("text", text)], new Dictionary<string, double> { ["concepts"] = 0.6, ["text"] = 0.4 }, method);
        var split = LateFusion.Fuse(
            [new ModalityScores("concepts-a", concepts), new ModalityScores("concepts-b", concepts), new ModalityScores("text", text)],
            new Dictionary<string, double> { ["concepts-a"] = 0.3, ["concepts-b"] = 0.3, ["text"] = 0.4 },
            method);
        Assert.Equal(RankedList.Order(original), RankedList.Order(split));
    }

    [Fact]
    public void APerfectModality_WithWeightOne_GivesApOne()
    {
        var random = new Random(4);
        var relevant = Enumerable.Range(0, 500).Select(_ => random.NextDouble() < 0.05).ToArray();
        var perfect = relevant.Select(r => r ? 1f + (float)random.NextDouble() : (float)random.NextDouble()).ToArray();
        var fused = LateFusion.Fuse(
            [new ModalityScores("perfect", perfect), new ModalityScores("noise", RandomScores(5, 500))],
            new Dictionary<string, double> { ["perfect"] = 1, ["noise"] = 0 },
            ScoreNormalization.ZScore);
        Assert.Equal(1.0, RankedList.AveragePrecision(fused, relevant), 12);
    }

    [Fact]
    public void AMissingWeight_CountsAsOne_AndWeightsAreRenormalised()
    {
        float[] a = [3f, 1f, 2f];
        float[] b = [1f, 3f, 2f];
        var fused = LateFusion.Fuse([new ModalityScores("a", a), new ModalityScores("b", b)], new Dictionary<string, double> { ["a"] = 2 }, ScoreNormalization.Rank);
        var expected = ScoreNormalizer.Normalize(a, ScoreNormalization.Rank)
            .Zip(ScoreNormalizer.Normalize(b, ScoreNormalization.Rank), (x, y) => ((2 * x) + y) / 3).ToArray();
        Assert.Equal(expected, fused, (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.Throws<ArgumentException>(() => LateFusion.Fuse([new ModalityScores("a", a)], new Dictionary<string, double> { ["a"] = 0 }, ScoreNormalization.Rank));
    }

    private static float[] RandomScores(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }
}
