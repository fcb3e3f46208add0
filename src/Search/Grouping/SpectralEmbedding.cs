using MathNet.Numerics.LinearAlgebra;

namespace Cbvr.Search.Grouping;

/// <summary>
/// NJW steps 2-4 (ALGORITHMS.md §2): M = D^-1/2 W D^-1/2, its leading eigenpairs by a dense symmetric EVD
/// (MathNet; O(n^3), meant for n up to about 2000), the eigengap rule and the row-normalised embedding.
/// </summary>
internal static class SpectralEmbedding
{
    /// <summary>The <paramref name="count"/> largest eigenvalues of the normalised affinity, descending, and their eigenvectors (n x count).</summary>
    public static (double[] Values, double[,] Vectors) Leading(double[,] w, int count)
    {
        var n = w.GetLength(0);
        var scale = new double[n];
        for (var i = 0; i < n; i++)
        {
            var degree = 0.0;
            for (var j = 0; j < n; j++)
            {
                degree += w[i, j];
            }

            // A node whose weights all underflowed keeps a zero row (eigenvalue 0) instead of a division by zero.
            scale[i] = degree > 0 ? 1 / Math.Sqrt(degree) : 0;
        }

        var m = Matrix<double>.Build.Dense(n, n, (i, j) => scale[i] * w[i, j] * scale[j]);
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        // Descending; equal values keep MathNet's column order so the result is the same on every run.
        var order = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ThenBy(i => i).Take(Math.Min(count, n)).ToArray();
        var vectors = new double[n, order.Length];
        for (var t = 0; t < order.Length; t++)
        {
            for (var i = 0; i < n; i++)
            {
                vectors[i, t] = evd.EigenVectors[i, order[t]];
            }
        }

        return (order.Select(i => values[i]).ToArray(), vectors);
    }

    /// <summary>The c in [2, max] with the largest gap λ_c - λ_{c+1} (eigenvalues descending, at least max + 1 of them).</summary>
    public static int LargestEigengap(IReadOnlyList<double> descending, int max)
    {
        var best = 2;
        for (var c = 3; c <= max; c++)
        {
            if (descending[c - 1] - descending[c] > descending[best - 1] - descending[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The first c eigenvector columns with each row scaled to unit length (NJW step 4).</summary>
    public static double[,] NormalisedRows(double[,] vectors, int c)
    {
        var n = vectors.GetLength(0);
        var y = new double[n, c];
        for (var i = 0; i < n; i++)
        {
            var norm = 0.0;
            for (var t = 0; t < c; t++)
            {
                norm += vectors[i, t] * vectors[i, t];
            }

            norm = Math.Sqrt(norm);
            for (var t = 0; t < c; t++)
            {
                y[i, t] = norm > 0 ? vectors[i, t] / norm : 0;
            }
        }

        return y;
    }
}
