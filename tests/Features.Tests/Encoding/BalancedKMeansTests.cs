using Cbvr.Features.Encoding;

namespace Cbvr.Features.Tests.Encoding;

public sealed class BalancedKMeansTests
{
    private static readonly float[][] Overlapping = [[0, 0], [2.5f, 0], [0, 2.5f]];

    [Fact]
    public void GammaZero_GivesTheLabelsOfLloydFromTheSameInitialisation()
    {
        var (data, _) = Blobs.Make(11, [400, 250, 150, 200], [[0, 0, 0], [4, 0, 1], [0, 4, 0], [3, 3, 3]], 1.5f);
        var options = new KMeansOptions { Clusters = 6, Seed = 7 };
        var init = KMeansPlusPlus.Initialise(data, 3, 6, new Random(3));
        var lloyd = KMeans.Fit(data, 3, options, init);
        var balanced = BalancedKMeans.Fit(data, 3, options, gamma: 0, init);
        Assert.True(lloyd.Iterations > 2);
        Assert.Equal(lloyd.Labels, balanced.Labels);
        Assert.Equal(lloyd.Objective, balanced.Objective);
    }

    [Fact]
    public void OverlappingBlobs_SizeRatioFallsAsGammaGrows_AndAboveTheBoundSizesDifferByAtMostOne()
    {
        var (data, _) = Blobs.Make(12, [500, 100, 100], Overlapping, 1f);
        var options = new KMeansOptions { Clusters = 3, Seed = 5 };
        var plain = KMeans.Fit(data, 2, options);
        var bound = BalancedKMeans.BalancingGammaBound(data, 2);
        var gammas = new[] { 0.0, 0.1, 1, 10 }.Select(eta => BalancedKMeans.Gamma(eta, 3, plain.FinalObjective, 700)).Append(bound * 1.01);
        var ratios = new List<double>();
        foreach (var gamma in gammas)
        {
            var sizes = BalancedKMeans.Fit(data, 2, options, gamma).Codebook.Sizes;
            ratios.Add(ClusterSpread.Of(sizes).MaxMinRatio);
            if (gamma > bound)
            {
                Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
            }
        }

        for (var k = 1; k < ratios.Count; k++)
        {
            Assert.True(ratios[k] <= ratios[k - 1] + 1e-9, string.Join(" ", ratios));
        }

        Assert.True(ratios[0] > 2 && ratios[^1] < 1.01, string.Join(" ", ratios));
    }

    [Fact]
    public void Objective_NeverIncreasesOverTheIterations()
    {
        var (data, _) = Blobs.Make(13, [500, 100, 100], Overlapping, 1f);
        var options = new KMeansOptions { Clusters = 7, Seed = 2 };
        var plain = KMeans.Fit(data, 2, options);
        var result = BalancedKMeans.Fit(data, 2, options, BalancedKMeans.Gamma(1, 7, plain.FinalObjective, 700));
        Assert.True(result.Iterations > 2);
        for (var t = 1; t < result.Objective.Count; t++)
        {
            Assert.True(result.Objective[t] <= result.Objective[t - 1] * (1 + 1e-9), $"iteration {t}");
        }

        Assert.True(result.FinalObjective <= result.Objective[^1] * (1 + 1e-9));
    }

    [Fact]
    public void Gamma_IsEtaTimesClustersTimesDistortionOverRowsSquared()
        => Assert.Equal(0.1 * 32 * 5000.0 / (1000.0 * 1000), BalancedKMeans.Gamma(0.1, 32, 5000, 1000), 15);
}
