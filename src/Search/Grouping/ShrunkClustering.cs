namespace Cbvr.Search.Grouping;

/// <summary>
/// Spectral shrunk clustering (ALGORITHMS.md §2, reconstructed form): convex sum-of-norms fusion of the spectral
/// embedding, min_G ||G - F||^2 + λ sum_{(i,j) in E} S_ij ||g_i - g_j|| on the self-tuning k-NN graph E of F. Rows of
/// one cluster shrink onto one point, so the clusters are read off as connected components.
/// </summary>
public static partial class ShrunkClustering
{
    /// <summary>Weights below this distance are capped (the IRLS smoothing ε).</summary>
    internal const double Epsilon = 1e-4;

    private const double ObjectiveTolerance = 1e-5;

    /// <summary>Stop rule of <see cref="Shrink"/>: ||gradient|| / ||F|| below this (the solution is then as close), at most this many IRLS steps.</summary>
    private const double ExactGradient = 1e-5;
    private const int ExactIterations = 1000;

    /// <summary>
    /// Solves the fusion problem for the n x c <paramref name="embedding"/> F by IRLS (majorise-minimise, monotone)
    /// with a conjugate-gradient inner solve; <paramref name="start"/> is G0 (F when null). Returns G (n x c).
    /// </summary>
    public static double[,] Shrink(
        double[,] embedding, double lambda, int neighbours = 10, int bandwidthNeighbour = 7, double[,]? start = null)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        var n = embedding.GetLength(0);
        var graph = AffinityGraph.Build(PairwiseDistances.Squared(embedding), n, neighbours, bandwidthNeighbour);
        if (start is not null && (start.GetLength(0) != n || start.GetLength(1) != embedding.GetLength(1)))
        {
            throw new ArgumentException("the start must have the shape of the embedding", nameof(start));
        }

        return ToMatrix(Solve(Columns(embedding), graph, lambda, Columns(start ?? embedding), ExactGradient, ExactIterations));
    }

    /// <summary>
    /// IRLS on columns (c arrays of n); <paramref name="g"/> is the start and is overwritten with the solution. Stops when
    /// the objective settles and the gradient of the ε-smoothed objective is below <paramref name="gradientTolerance"/> x ||F||.
    /// </summary>
    internal static double[][] Solve(double[][] f, AffinityGraph graph, double lambda, double[][] g, double gradientTolerance, int maxIterations)
    {
        var scale = Math.Sqrt(f.Sum(column => column.Sum(v => v * v)));
        var previous = Objective(f, g, graph, lambda);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var system = new FusionSystem(graph, Weights(g, graph), lambda);
            for (var t = 0; t < f.Length; t++)
            {
                system.Solve(f[t], g[t], 1e-9);
            }

            var objective = Objective(f, g, graph, lambda);
            var settled = previous - objective <= ObjectiveTolerance * Math.Abs(previous);
            previous = objective;
            // The objective alone can stall where rows start fused (G0 = 0): also ask for a small gradient of the smoothed objective.
            if (settled && GradientNorm(f, g, graph, lambda) <= gradientTolerance * Math.Max(scale, 1))
            {
                break;
            }
        }

        return g;
    }

    /// <summary>Edges whose ends lie closer than τ join; returns the component of each row, numbered by first appearance.</summary>
    internal static int[] Components(double[][] g, AffinityGraph graph, double tau)
    {
        var parent = Enumerable.Range(0, graph.Count).ToArray();
        for (var e = 0; e < graph.From.Length; e++)
        {
            if (Distance(g, graph.From[e], graph.To[e]) < tau)
            {
                parent[Root(parent, graph.From[e])] = Root(parent, graph.To[e]);
            }
        }

        return EmbeddingKMeans.Renumber(Enumerable.Range(0, graph.Count).Select(i => Root(parent, i)).ToArray());
    }

    internal static double[][] Columns(double[,] rows)
    {
        var columns = new double[rows.GetLength(1)][];
        for (var t = 0; t < columns.Length; t++)
        {
            columns[t] = new double[rows.GetLength(0)];
            for (var i = 0; i < columns[t].Length; i++)
            {
                columns[t][i] = rows[i, t];
            }
        }

        return columns;
    }

    internal static double[,] ToMatrix(double[][] columns)
    {
        var n = columns.Length == 0 ? 0 : columns[0].Length;
        var rows = new double[n, columns.Length];
        for (var t = 0; t < columns.Length; t++)
        {
            for (var i = 0; i < n; i++)
            {
                rows[i, t] = columns[t][i];
            }
        }

        return rows;
    }

    internal static double Distance(double[][] g, int i, int j)
    {
        var sum = 0.0;
        foreach (var column in g)
        {
            var delta = column[i] - column[j];
            sum += delta * delta;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>a_ij = S_ij / (2 max(||g_i - g_j||, ε)): the quadratic that majorises the norm at the current G.</summary>
    private static double[] Weights(double[][] g, AffinityGraph graph)
    {
        var a = new double[graph.Weights.Length];
        for (var e = 0; e < a.Length; e++)
        {
            a[e] = graph.Weights[e] / (2 * Math.Max(Distance(g, graph.From[e], graph.To[e]), Epsilon));
        }

        return a;
    }

    private static double Objective(double[][] f, double[][] g, AffinityGraph graph, double lambda)
    {
        var sum = 0.0;
        for (var t = 0; t < f.Length; t++)
        {
            for (var i = 0; i < f[t].Length; i++)
            {
                sum += (g[t][i] - f[t][i]) * (g[t][i] - f[t][i]);
            }
        }

        for (var e = 0; e < graph.Weights.Length; e++)
        {
            sum += lambda * graph.Weights[e] * Distance(g, graph.From[e], graph.To[e]);
        }

        return sum;
    }

    /// <summary>||(I + λ L_A(G)) G - F||_F: half the gradient of the ε-smoothed objective, zero only at its minimum.</summary>
    private static double GradientNorm(double[][] f, double[][] g, AffinityGraph graph, double lambda)
    {
        var system = new FusionSystem(graph, Weights(g, graph), lambda);
        var product = new double[graph.Count];
        var sum = 0.0;
        for (var t = 0; t < f.Length; t++)
        {
            system.Multiply(g[t], product);
            for (var i = 0; i < product.Length; i++)
            {
                sum += (product[i] - f[t][i]) * (product[i] - f[t][i]);
            }
        }

        return Math.Sqrt(sum);
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
