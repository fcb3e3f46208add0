namespace Cbvr.Search.Grouping;

/// <summary>
/// The symmetric k-NN graph with self-tuning weights (ALGORITHMS.md §2, NJW step 1): σ_i is the distance to the
/// b-th neighbour, W_ij = exp(-d_ij^2 / (σ_i σ_j)) when j is among the k-NN of i or i among the k-NN of j.
/// </summary>
/// <param name="Count">Number of nodes n.</param>
/// <param name="From">First node of each undirected edge (From &lt; To), each edge once.</param>
/// <param name="To">Second node of each edge.</param>
/// <param name="Weights">W of each edge.</param>
internal sealed record AffinityGraph(int Count, int[] From, int[] To, double[] Weights)
{
    /// <summary>Builds the graph from an n x n matrix of squared distances; k and b are capped at n - 1.</summary>
    public static AffinityGraph Build(double[] squaredDistances, int n, int neighbours, int bandwidthNeighbour)
    {
        var k = Math.Clamp(neighbours, 1, Math.Max(1, n - 1));
        var b = Math.Clamp(bandwidthNeighbour, 1, k);
        var nearest = new int[n][];
        var sigma = new double[n];
        Parallel.For(0, n, i =>
        {
            nearest[i] = Nearest(squaredDistances.AsSpan(i * n, n), i, k);
            sigma[i] = nearest[i].Length >= b ? Math.Sqrt(squaredDistances[(i * n) + nearest[i][b - 1]]) : 0;
        });
        FloorBandwidths(sigma);
        var edges = new SortedSet<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            foreach (var j in nearest[i])
            {
                edges.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }

        var from = new int[edges.Count];
        var to = new int[edges.Count];
        var weights = new double[edges.Count];
        var e = 0;
        foreach (var (i, j) in edges)
        {
            from[e] = i;
            to[e] = j;
            weights[e] = Math.Exp(-squaredDistances[(i * n) + j] / (sigma[i] * sigma[j]));
            e++;
        }

        return new AffinityGraph(n, from, to, weights);
    }

    /// <summary>The dense symmetric n x n weight matrix (zero diagonal).</summary>
    public double[,] ToDense()
    {
        var w = new double[Count, Count];
        for (var e = 0; e < From.Length; e++)
        {
            w[From[e], To[e]] = Weights[e];
            w[To[e], From[e]] = Weights[e];
        }

        return w;
    }

    /// <summary>The k nearest other rows, closest first; a tie goes to the lower index.</summary>
    private static int[] Nearest(ReadOnlySpan<double> distances, int self, int k)
    {
        var best = new int[Math.Min(k, distances.Length - 1)];
        var count = 0;
        for (var j = 0; j < distances.Length; j++)
        {
            if (j == self || (count == best.Length && distances[j] >= distances[best[^1]]))
            {
                continue;
            }

            var slot = Math.Min(count, best.Length - 1);
            while (slot > 0 && distances[best[slot - 1]] > distances[j])
            {
                best[slot] = best[slot - 1];
                slot--;
            }

            best[slot] = j;
            count = Math.Min(count + 1, best.Length);
        }

        return best;
    }

    /// <summary>Duplicated rows give σ = 0; such rows borrow a small fraction of the mean positive σ (or 1).</summary>
    private static void FloorBandwidths(double[] sigma)
    {
        var positive = sigma.Where(s => s > 0).ToArray();
        var floor = positive.Length > 0 ? 1e-6 * positive.Average() : 1.0;
        for (var i = 0; i < sigma.Length; i++)
        {
            sigma[i] = Math.Max(sigma[i], floor);
        }
    }
}
