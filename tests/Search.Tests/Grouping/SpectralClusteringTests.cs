using Cbvr.Features.Encoding;
using Cbvr.Search.Grouping;

namespace Cbvr.Search.Tests.Grouping;

public sealed class SpectralClusteringTests
{
    private static readonly SpectralOptions Geometric = new() { NormalizeRows = false, Clusters = 2 };

    [Fact]
    public void Leading_GraphWithThreeComponents_HasEigenvalueOneThreeTimes()
    {
        // A path of 6, a ring of 9 and a complete graph of 5 nodes, with random positive weights.
        var random = new Random(3);
        var w = new double[20, 20];
        void Join(int i, int j) => w[i, j] = w[j, i] = 0.1 + random.NextDouble();
        for (var i = 0; i < 5; i++)
        {
            Join(i, i + 1);
        }

        for (var i = 0; i < 9; i++)
        {
            Join(6 + i, 6 + ((i + 1) % 9));
        }

        for (var i = 15; i < 20; i++)
        {
            for (var j = i + 1; j < 20; j++)
            {
                Join(i, j);
            }
        }

        var (values, _) = SpectralEmbedding.Leading(w, 5);
        Assert.All(values[..3], v => Assert.Equal(1.0, v, 9));
        Assert.True(values[3] < 0.99, $"fourth eigenvalue {values[3]}");
    }

    [Fact]
    public void Cluster_ConcentricCircles_SeparatesTheRingsWherePlainKMeansFails()
    {
        var (points, truth) = Shapes.Circles(seed: 1, perRing: 200, noise: 0.05);
        var result = SpectralClustering.Cluster(points, Geometric);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(result.Labels, truth), 12);

        var plain = KMeans.Fit(points.SelectMany(p => p).ToArray(), 2, new KMeansOptions { Clusters = 2, Seed = 1 });
        Assert.True(AdjustedRandIndex.Compute(plain.Labels, truth) < 0.1);
    }

    [Fact]
    public void Cluster_PermutedInput_GivesTheSamePartition()
    {
        var (points, _) = Shapes.Circles(seed: 2, perRing: 200, noise: 0.05);
        var order = Shapes.Permutation(7, points.Length);
        var labels = SpectralClustering.Cluster(points, Geometric).Labels;
        var permuted = SpectralClustering.Cluster(order.Select(i => points[i]).ToArray(), Geometric).Labels;
        var back = new int[points.Length];
        for (var k = 0; k < order.Length; k++)
        {
            back[order[k]] = permuted[k];
        }

        Assert.Equal(1.0, AdjustedRandIndex.Compute(labels, back), 12);
    }

    [Fact]
    public void Cluster_SameSeed_GivesTheSameLabelsNumberedByFirstAppearance()
    {
        var (points, _) = Shapes.Blobs(seed: 4, [30, 30, 30, 30], d: 16, sigma: 0.3);
        var options = new SpectralOptions { Clusters = 3, Seed = 5 };
        var a = SpectralClustering.Cluster(points, options);
        var b = SpectralClustering.Cluster(points, options);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(0, a.Labels[0]);
        Assert.Equal(a.Labels.Distinct().Order(), a.Labels.Distinct());
        Assert.Equal(3, a.Clusters);
    }

    [Fact]
    public void Cluster_ThreeSeparatedBlobs_EigengapChoosesThree()
    {
        var (points, truth) = Shapes.Blobs(seed: 5, [40, 25, 60], d: 512, sigma: 0.03);
        var result = SpectralClustering.Cluster(points, new SpectralOptions());
        Assert.Equal(3, result.Clusters);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(result.Labels, truth), 12);
        Assert.True(result.Eigenvalues.Length >= 9);
        Assert.Equal(1.0, result.Eigenvalues[2], 6);
    }

    [Fact]
    public void Cluster_TouchingBlobs_EigengapStillFindsTheirNumber()
    {
        // Overlapping enough that the k-NN graph is connected: the gap is real but not exact.
        var (points, truth) = Shapes.Blobs(seed: 6, [50, 50, 50], d: 8, sigma: 0.18);
        var result = SpectralClustering.Cluster(points, new SpectralOptions());
        Assert.True(result.Eigenvalues[1] < 0.999, "the k-NN graph should be connected");
        var ari = AdjustedRandIndex.Compute(result.Labels, truth);
        Assert.True(result.Clusters == 3 && ari > 0.9, $"{result.Clusters} clusters, ARI {ari}, eigenvalues {string.Join(" ", result.Eigenvalues)}");
    }

    [Fact]
    public void Cluster_TinyInputs_AreHandled()
    {
        Assert.Empty(SpectralClustering.Cluster([], new SpectralOptions()).Labels);
        Assert.Equal([0], SpectralClustering.Cluster([[1f, 2f]], new SpectralOptions()).Labels);
        var pair = SpectralClustering.Cluster([[1f, 0f], [0f, 1f]], new SpectralOptions());
        Assert.Equal(2, pair.Labels.Length);
    }

    [Fact]
    public void Cluster_DuplicatedRows_DoNotBreakTheAffinity()
    {
        var (points, truth) = Shapes.Blobs(seed: 8, [20, 20], d: 32, sigma: 0.05);
        var doubled = points.Concat(points).ToArray();
        var result = SpectralClustering.Cluster(doubled, new SpectralOptions { Clusters = 2 });
        Assert.Equal(1.0, AdjustedRandIndex.Compute(result.Labels, truth.Concat(truth).ToArray()), 12);
    }
}
