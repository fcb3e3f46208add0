using System.Numerics.Tensors;

namespace Cbvr.Search.Grouping;

/// <summary>Full n x n matrices (row-major) of squared Euclidean distances, from exact differences.</summary>
internal static class PairwiseDistances
{
    /// <summary>Distances between the rows of <paramref name="points"/>, each first scaled to unit length when asked.</summary>
    public static double[] Squared(IReadOnlyList<float[]> points, bool normalise)
    {
        var n = points.Count;
        var d = n == 0 ? 0 : points[0].Length;
        var rows = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            if (points[i].Length != d)
            {
                throw new ArgumentException($"row {i} has {points[i].Length} values, row 0 has {d}", nameof(points));
            }

            var row = rows.AsSpan(i * d, d);
            points[i].CopyTo(row);
            var norm = normalise ? TensorPrimitives.Norm(row) : 0f;
            if (norm > 0f)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        var distances = new double[n * n];
        Parallel.For(0, n, i =>
        {
            var x = rows.AsSpan(i * d, d);
            for (var j = i + 1; j < n; j++)
            {
                double distance = TensorPrimitives.Distance(x, rows.AsSpan(j * d, d));
                distances[(i * n) + j] = distance * distance;
            }
        });
        Mirror(distances, n);
        return distances;
    }

    /// <summary>Distances between the rows of an n x c matrix.</summary>
    public static double[] Squared(double[,] rows)
    {
        var n = rows.GetLength(0);
        var c = rows.GetLength(1);
        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var sum = 0.0;
                for (var t = 0; t < c; t++)
                {
                    var delta = rows[i, t] - rows[j, t];
                    sum += delta * delta;
                }

                distances[(i * n) + j] = sum;
            }
        }

        Mirror(distances, n);
        return distances;
    }

    private static void Mirror(double[] distances, int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                distances[(i * n) + j] = distances[(j * n) + i];
            }
        }
    }
}
