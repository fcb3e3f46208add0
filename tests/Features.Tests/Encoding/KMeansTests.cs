using Cbvr.Features.Encoding;

namespace Cbvr.Features.Tests.Encoding;

public sealed class KMeansTests
{
    private static readonly float[][] Far = [[0, 0, 0], [10, 0, 0], [0, 10, 5]];

    [Fact]
    public void Fit_SeparatedBlobs_RecoversThemWithTheirSizes()
    {
        var (data, truth) = Blobs.Make(1, [300, 120, 60], Far, 1f);
        var result = KMeans.Fit(data, 3, new KMeansOptions { Clusters = 3, Seed = 4 });
        Assert.True(Blobs.SamePartition(result.Labels, truth));
        Assert.Equal([60, 120, 300], result.Codebook.Sizes.Order());
        Assert.Equal(result.Objective[^1], result.FinalObjective, 3);
    }

    [Fact]
    public void Fit_SameSeed_GivesTheSameCentresAndLabels()
    {
        var (data, _) = Blobs.Make(2, [200, 200, 200], Far, 4f);
        var options = new KMeansOptions { Clusters = 5, Seed = 9 };
        var a = KMeans.Fit(data, 3, options);
        var b = KMeans.Fit(data, 3, options);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Codebook.Centres, b.Codebook.Centres);
    }

    [Fact]
    public void Fit_ObjectiveNeverIncreases()
    {
        var (data, _) = Blobs.Make(3, [400, 300, 300], Far, 5f);
        var result = KMeans.Fit(data, 3, new KMeansOptions { Clusters = 8, Seed = 3 });
        Assert.True(result.Iterations > 1);
        for (var t = 1; t < result.Objective.Count; t++)
        {
            Assert.True(result.Objective[t] <= result.Objective[t - 1] * (1 + 1e-9), $"iteration {t}");
        }
    }

    [Fact]
    public void Fit_MoreRowsThanTheSample_FitsOnTheSampleAndLabelsEveryRow()
    {
        var (data, truth) = Blobs.Make(4, [1500, 900, 600], Far, 1f);
        var result = KMeans.Fit(data, 3, new KMeansOptions { Clusters = 3, Seed = 1, MaxSamples = 400 });
        Assert.Equal(400, result.SampleSize);
        Assert.Equal(3000, result.Labels.Length);
        Assert.True(Blobs.SamePartition(result.Labels, truth));
        Assert.Equal(3000, result.Codebook.Sizes.Sum());
    }

    [Fact]
    public void SquaredDistances_MatchAScalarReference()
    {
        var random = new Random(5);
        const int d = 37;
        var centres = Enumerable.Range(0, 11 * d).Select(_ => Blobs.Normal(random) * 3).ToArray();
        var codebook = new Codebook(centres, d, new int[11]);
        var x = Enumerable.Range(0, d).Select(_ => Blobs.Normal(random)).ToArray();
        var fast = new float[11];
        codebook.SquaredDistances(x, fast);
        for (var j = 0; j < 11; j++)
        {
            var reference = 0.0;
            for (var k = 0; k < d; k++)
            {
                reference += Math.Pow(x[k] - centres[(j * d) + k], 2);
            }

            Assert.Equal(reference, fast[j], reference * 1e-5);
        }
    }

    [Fact]
    public void KMeansPlusPlus_PicksDistinctRowsOfTheData()
    {
        var (data, _) = Blobs.Make(6, [50, 50, 50], Far, 1f);
        var centres = KMeansPlusPlus.Initialise(data, 3, 3, new Random(2));
        var rows = Enumerable.Range(0, 150).Select(i => string.Join(',', data.AsSpan(i * 3, 3).ToArray())).ToHashSet();
        var picked = Enumerable.Range(0, 3).Select(j => string.Join(',', centres.AsSpan(j * 3, 3).ToArray())).ToList();
        Assert.All(picked, p => Assert.Contains(p, rows));
        Assert.Equal(3, picked.Distinct().Count());
    }

    [Fact]
    public void ClusterSpread_ReportsRatioAndCoefficientOfVariation()
    {
        var spread = ClusterSpread.Of([10, 20, 30]);
        Assert.Equal(30, spread.Max);
        Assert.Equal(10, spread.Min);
        Assert.Equal(3.0, spread.MaxMinRatio);
        Assert.Equal(Math.Sqrt(200.0 / 3) / 20, spread.CoefficientOfVariation, 12);
        Assert.Equal(double.PositiveInfinity, ClusterSpread.Of([0, 4]).MaxMinRatio);
    }
}
