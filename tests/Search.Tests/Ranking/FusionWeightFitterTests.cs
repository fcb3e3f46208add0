using Cbvr.Search.Ranking;

namespace Cbvr.Search.Tests.Ranking;

public sealed class FusionWeightFitterTests
{
    [Theory]
    [InlineData(ScoreNormalization.ZScore)]
    [InlineData(ScoreNormalization.Rank)]
    public void OnASyntheticLabelledSet_FindsTheInformativeModality_AndBeatsEqualWeights(ScoreNormalization method)
    {
        var queries = Enumerable.Range(0, 8).Select(Query).ToList();
        var fit = FusionWeightFitter.Fit(queries, method);
        Assert.Equal(1.0, fit.Weights.Values.Sum(), 9);
        Assert.Equal("informative", fit.Weights.MaxBy(p => p.Value).Key);
        Assert.True(fit.Weights["informative"] > 0.5, $"informative weight {fit.Weights["informative"]:F2}");
        Assert.True(fit.SingleModalityMap["informative"] > fit.SingleModalityMap["noise-1"] + 0.2);
        Assert.True(fit.CrossValidatedMap > fit.EqualWeightsMap + 0.05, $"CV MAP {fit.CrossValidatedMap:F3} vs equal weights {fit.EqualWeightsMap:F3}");
    }

    /// <summary>1,000 items, 25 relevant: "informative" separates them well, "weak" a little, "noise-*" not at all.</summary>
    private static LabelledQuery Query(int seed)
    {
        var random = new Random(seed);
        var relevant = Enumerable.Range(0, 1000).Select(i => i % 40 == seed % 40).ToArray();
        ModalityScores Modality(string name, double shift) => new(
            name, relevant.Select(r => (float)(SyntheticEvent.Normal(random) + (r ? shift : 0))).ToArray());
        return new LabelledQuery(
            $"event {seed}", [Modality("informative", 2.5), Modality("weak", 0.8), Modality("noise-1", 0), Modality("noise-2", 0)], relevant);
    }
}
