using Cbvr.Search.Grouping;

namespace Cbvr.Search.Tests.Grouping;

public sealed class ShrunkClusteringTests
{
    private static double[,] Embedding(float[][] points)
    {
        var f = new double[points.Length, points[0].Length];
        for (var i = 0; i < points.Length; i++)
        {
            for (var t = 0; t < points[i].Length; t++)
            {
                f[i, t] = points[i][t];
            }
        }

        return f;
    }

    private static double MaxDifference(double[,] a, double[,] b)
        => a.Cast<double>().Zip(b.Cast<double>(), (x, y) => Math.Abs(x - y)).Max();

    [Fact]
    public void Shrink_FromFOrFromZero_ReachesTheSameMinimum()
    {
        var (points, _) = Shapes.Blobs(seed: 1, [50, 50, 50], d: 3, sigma: 0.2);
        var f = Embedding(points);
        var fromF = ShrunkClustering.Shrink(f, lambda: 0.05);
        var fromZero = ShrunkClustering.Shrink(f, lambda: 0.05, start: new double[f.GetLength(0), f.GetLength(1)]);
        Assert.True(MaxDifference(fromF, fromZero) < 1e-4, $"difference {MaxDifference(fromF, fromZero)}");
        Assert.True(MaxDifference(fromF, f) > 1e-2);
    }

    [Fact]
    public void Shrink_TinyLambda_KeepsF()
    {
        var (points, _) = Shapes.Moons(seed: 2, perMoon: 100, noise: 0.05);
        var f = Embedding(points);
        Assert.True(MaxDifference(ShrunkClustering.Shrink(f, lambda: 1e-7), f) < 1e-6);
    }

    [Fact]
    public void Shrink_LargeLambda_PullsEveryRowToTheMean()
    {
        // Wide blobs overlap, so the k-NN graph is connected and everything can fuse.
        var (points, _) = Shapes.Blobs(seed: 3, [60, 60], d: 2, sigma: 0.6);
        var f = Embedding(points);
        var g = ShrunkClustering.Shrink(f, lambda: 1e3);
        for (var t = 0; t < 2; t++)
        {
            var mean = Enumerable.Range(0, f.GetLength(0)).Average(i => f[i, t]);
            for (var i = 0; i < f.GetLength(0); i++)
            {
                Assert.Equal(mean, g[i, t], 3);
            }
        }
    }

    [Fact]
    public void Cluster_TwoMoonsWithShrinkage_ReachesAnAdjustedRandIndexOfAtLeast095()
    {
        var (points, truth) = Shapes.Moons(seed: 3, perMoon: 200, noise: 0.05);
        var result = SpectralClustering.Cluster(points, new SpectralOptions { NormalizeRows = false, Clusters = 2, Shrink = true });
        Assert.True(AdjustedRandIndex.Compute(result.Labels, truth) >= 0.95);
    }
}
