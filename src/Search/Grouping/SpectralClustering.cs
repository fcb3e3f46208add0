namespace Cbvr.Search.Grouping;

/// <summary>
/// Spectral clustering after Ng, Jordan and Weiss with a self-tuning k-NN affinity (ALGORITHMS.md §2): it follows
/// the manifold the rows lie on, so it separates groups that are not convex blobs where plain k-means cannot.
/// Deterministic for a seed.
/// </summary>
public static class SpectralClustering
{
    /// <summary>
    /// Clusters the rows (all of one length). Builds the affinity (on unit-length rows when
    /// <see cref="SpectralOptions.NormalizeRows"/>), embeds the rows in the leading eigenvectors of D^-1/2 W D^-1/2
    /// scaled to unit length, and runs k-means++ with restarts there, or the shrinkage step when
    /// <see cref="SpectralOptions.Shrink"/>. Labels are numbered by first appearance.
    /// </summary>
    public static SpectralResult Cluster(IReadOnlyList<float[]> points, SpectralOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        var n = points.Count;
        if (n <= 1)
        {
            return new SpectralResult(new int[n], n, n == 1 ? [1.0] : []);
        }

        var distances = PairwiseDistances.Squared(points, options.NormalizeRows);
        var graph = AffinityGraph.Build(distances, n, options.Neighbours, options.BandwidthNeighbour);
        var maxClusters = Math.Max(2, Math.Min(options.MaxClusters, n - 1));
        var wanted = options.Clusters is { } fixedCount ? Math.Clamp(fixedCount, 1, n) : (int?)null;
        var (values, vectors) = SpectralEmbedding.Leading(graph.ToDense(), Math.Min(n, Math.Max(wanted ?? 0, maxClusters) + 1));
        var c = wanted ?? SpectralEmbedding.LargestEigengap(values, Math.Min(maxClusters, values.Length - 1));
        if (c == 1)
        {
            return new SpectralResult(new int[n], 1, values);
        }

        var embedding = SpectralEmbedding.NormalisedRows(vectors, c);
        var labels = options.Shrink
            ? ShrunkClustering.Cluster(embedding, c, options)
            : EmbeddingKMeans.Cluster(embedding, c, options.Restarts, options.Seed);
        return new SpectralResult(labels, labels.Distinct().Count(), values);
    }
}
