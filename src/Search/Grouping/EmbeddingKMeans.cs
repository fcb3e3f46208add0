using Cbvr.Features.Encoding;

namespace Cbvr.Search.Grouping;

/// <summary>NJW step 5: k-means++ and Lloyd (<see cref="KMeans"/>) on the embedding rows, restarted with seeds Seed, Seed + 1, ...; the lowest distortion wins.</summary>
internal static class EmbeddingKMeans
{
    /// <summary>Labels of the n rows of <paramref name="rows"/> in <paramref name="clusters"/> clusters, renumbered by first appearance.</summary>
    public static int[] Cluster(double[,] rows, int clusters, int restarts, int seed)
    {
        var n = rows.GetLength(0);
        var d = rows.GetLength(1);
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < d; t++)
            {
                data[(i * d) + t] = (float)rows[i, t];
            }
        }

        ClusteringResult? best = null;
        for (var r = 0; r < Math.Max(1, restarts); r++)
        {
            var result = KMeans.Fit(data, d, new KMeansOptions { Clusters = clusters, Seed = seed + r });
            if (best is null || result.FinalObjective < best.FinalObjective)
            {
                best = result;
            }
        }

        return Renumber(best!.Labels);
    }

    /// <summary>Relabels so that labels count 0, 1, ... in order of first appearance.</summary>
    public static int[] Renumber(IReadOnlyList<int> labels)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!map.TryGetValue(labels[i], out var label))
            {
                label = map.Count;
                map[labels[i]] = label;
            }

            result[i] = label;
        }

        return result;
    }
}
