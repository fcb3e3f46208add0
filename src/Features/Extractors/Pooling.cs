namespace Cbvr.Features.Extractors;

/// <summary>Pools rows of a row-major matrix into one mean row and one max row (2 x d).</summary>
public static class Pooling
{
    /// <summary>Mean and max over <paramref name="rows"/> of <paramref name="data"/>; each row L2-normalised first when asked. No rows: zeros.</summary>
    public static float[] MeanAndMax(ReadOnlySpan<float> data, int d, IReadOnlyList<int> rows, bool normalise)
    {
        var result = new float[2 * d];
        if (rows.Count == 0)
        {
            return result;
        }

        var mean = result.AsSpan(0, d);
        var max = result.AsSpan(d, d);
        max.Fill(float.NegativeInfinity);
        var row = new float[d];
        foreach (var r in rows)
        {
            data.Slice(r * d, d).CopyTo(row);
            if (normalise)
            {
                var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row));
                if (norm > 0)
                {
                    System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
                }
            }

            System.Numerics.Tensors.TensorPrimitives.Add(mean, row, mean);
            System.Numerics.Tensors.TensorPrimitives.Max(max, row, max);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(mean, rows.Count, mean);
        return result;
    }
}
