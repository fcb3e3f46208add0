using Cbvr.Detectors.Training;
using Cbvr.Search.Ranking;

namespace Cbvr.Search.Tests.Ranking;

public sealed class RankedListTests
{
    [Fact]
    public void Order_IsDescending_TiesBySmallerIndex_NaNLast()
    {
        Assert.Equal([3, 1, 4, 0, 5, 2], RankedList.Order([0f, 2f, float.NaN, 5f, 2f, -0f]));
    }

    [Fact]
    public void AveragePrecision_OfAHandRankedList_IsTheMeanPrecisionAtEachHit()
    {
        // Ranked: item 2 (hit), 0, 1 (hit), 3 -> (1/1 + 2/3) / 2.
        Assert.Equal((1 + (2.0 / 3)) / 2, RankedList.AveragePrecision([0.8f, 0.5f, 0.9f, 0.1f], [false, true, true, false]), 12);
        Assert.Equal(0, RankedList.AveragePrecision([0.8f, 0.5f], [false, false]));
    }

    [Fact]
    public void AveragePrecision_MatchesTheDetectorsDefinition_WithTies()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            // Scores on a coarse grid so many items tie; ties must be broken by index in both implementations.
            var scores = Enumerable.Range(0, 500).Select(_ => random.Next(20) / 4f).ToArray();
            var relevant = scores.Select(_ => random.NextDouble() < 0.1).ToArray();
            var expected = CrossValidation.AveragePrecision(scores.Select(s => (double)s).ToArray(), relevant);
            Assert.Equal(expected, RankedList.AveragePrecision(scores, relevant), 12);
        }
    }
}
