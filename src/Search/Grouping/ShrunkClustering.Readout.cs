namespace Cbvr.Search.Grouping;

/// <summary>Reading clusters off the shrunk embedding (ALGORITHMS.md §2 step 5) and the λ sweep.</summary>
public static partial class ShrunkClustering
{
    private const double FirstLambda = 1e-3;
    private const double LastLambda = 1e4;
    private const double LambdaStep = 4;

    /// <summary>The sweep only needs which rows fuse, not a precise G: a looser stop and a cap on IRLS steps per λ.</summary>
    private const double SweepGradient = 1e-3;
    private const int SweepIterations = 50;

    /// <summary>
    /// Labels of the embedding rows in <paramref name="clusters"/> clusters: the components of the fused graph at
    /// <see cref="SpectralOptions.Lambda"/>, or at the smallest λ of a log grid that gives that many components (each
    /// solve starts from the last). When the components do not come out as that many, k-means runs on the rows of G.
    /// </summary>
    internal static int[] Cluster(double[,] embedding, int clusters, SpectralOptions options)
    {
        var n = embedding.GetLength(0);
        var f = Columns(embedding);
        var graph = AffinityGraph.Build(PairwiseDistances.Squared(embedding), n, options.Neighbours, options.BandwidthNeighbour);
        var meanNorm = Enumerable.Range(0, n).Average(i => Math.Sqrt(f.Sum(column => column[i] * column[i])));
        var tau = 1e-3 * Math.Max(meanNorm, double.Epsilon);
        var g = Columns(embedding);
        if (options.Lambda is { } lambda)
        {
            Solve(f, graph, lambda, g, ExactGradient, ExactIterations);
            return Read(g, graph, tau, clusters, options);
        }

        var before = Columns(embedding);
        for (var l = FirstLambda; l <= LastLambda; l *= LambdaStep)
        {
            Solve(f, graph, l, g, SweepGradient, SweepIterations);
            var components = Components(g, graph, tau);
            var count = components.Max() + 1;
            if (count == clusters)
            {
                return components;
            }

            if (count < clusters)
            {
                // Overshot: two clusters fused in one step of λ; the last G still holds them apart.
                return EmbeddingKMeans.Cluster(ToMatrix(before), clusters, options.Restarts, options.Seed);
            }

            before = g.Select(column => (double[])column.Clone()).ToArray();
        }

        return EmbeddingKMeans.Cluster(ToMatrix(g), clusters, options.Restarts, options.Seed);
    }

    private static int[] Read(double[][] g, AffinityGraph graph, double tau, int clusters, SpectralOptions options)
    {
        var components = Components(g, graph, tau);
        return components.Max() + 1 == clusters
            ? components
            : EmbeddingKMeans.Cluster(ToMatrix(g), clusters, options.Restarts, options.Seed);
    }
}
