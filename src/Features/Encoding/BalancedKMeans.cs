using System.Buffers;
using System.Numerics.Tensors;

namespace Cbvr.Features.Encoding;

/// <summary>
/// Balanced k-means with the exclusive-lasso penalty (ALGORITHMS.md §1):
/// min ||X - M F^T||_F^2 + γ sum_j n_j^2. Each iteration is the centre step, then a sweep over the rows in a random
/// order that moves row i to the cluster with the lowest ||x_i - m_j||^2 + 2γ n_j (its own cluster counted without it).
/// Both are exact block-coordinate steps, so the objective never increases. With γ = 0 it is Lloyd's algorithm.
/// </summary>
public static class BalancedKMeans
{
    private const int Block = 2048;

    /// <summary>
    /// Clusters the n x d rows with penalty <paramref name="gamma"/> (for all n rows; see <see cref="Gamma"/>).
    /// <paramref name="initialCentres"/> (c x d) replaces k-means++.
    /// </summary>
    public static ClusteringResult Fit(float[] data, int dimensions, KMeansOptions options, double gamma, float[]? initialCentres = null)
        => ClusteringRun.Run(data, dimensions, options, initialCentres, gamma, balanced: true);

    /// <summary>
    /// γ = η c J0 / n^2, the penalty scaled to squared distances: J0 is the plain k-means distortion on the n rows;
    /// search η in {0.01, 0.1, 1, 10}.
    /// </summary>
    public static double Gamma(double eta, int clusters, double plainDistortion, int rows)
        => eta * clusters * plainDistortion / ((double)rows * rows);

    /// <summary>
    /// Above this γ every fixed point has max n_j - min n_j &lt;= 1: diam(X)^2 / 2 with diam(X) bounded by twice the
    /// largest distance to the mean (cheap, O(nd)).
    /// </summary>
    public static double BalancingGammaBound(float[] data, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Length / dimensions;
        var mean = new float[dimensions];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Add(mean, data.AsSpan(i * dimensions, dimensions), mean);
        }

        TensorPrimitives.Divide(mean, n, mean);
        var radius = 0f;
        for (var i = 0; i < n; i++)
        {
            radius = Math.Max(radius, TensorPrimitives.Distance(mean, data.AsSpan(i * dimensions, dimensions)));
        }

        return 2.0 * radius * radius;
    }

    /// <summary>One random-order sweep (step 3) with the centres fixed; returns how many labels changed.</summary>
    internal static int Sweep(float[] data, int d, float[] norms, float[] centres, int[] labels, int[] sizes, double gamma, Random random)
    {
        var n = labels.Length;
        var c = sizes.Length;
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var centreNorms = CentreDistances.SquaredNorms(centres, d);
        var distances = ArrayPool<float>.Shared.Rent(Block * c);
        var changed = 0;
        try
        {
            for (var start = 0; start < n; start += Block)
            {
                // Distances do not depend on the sizes, so a block of them is computed in parallel; the moves stay sequential.
                var count = Math.Min(Block, n - start);
                CentreDistances.BlockDistances(data, d, norms, order, start, count, centres, centreNorms, distances);
                for (var k = 0; k < count; k++)
                {
                    var i = order[start + k];
                    var current = labels[i];
                    sizes[current]--;
                    var best = current;
                    var row = distances.AsSpan(k * c, c);
                    var bestCost = row[current] + (2 * gamma * sizes[current]);
                    for (var j = 0; j < c; j++)
                    {
                        var cost = row[j] + (2 * gamma * sizes[j]);
                        if (cost < bestCost)
                        {
                            best = j;
                            bestCost = cost;
                        }
                    }

                    sizes[best]++;
                    if (best != current)
                    {
                        labels[i] = best;
                        changed++;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(distances);
        }

        return changed;
    }
}
