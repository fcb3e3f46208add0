using System.Numerics.Tensors;

namespace Cbvr.Features.Encoding;

/// <summary>
/// The shared kernels of the clustering code: squared distances by ||x||^2 - 2 x.m + ||m||^2 with SIMD dot products,
/// the centre step (cluster means) and the exact objective.
/// </summary>
internal static class CentreDistances
{
    public static float[] SquaredNorms(float[] rows, int d)
    {
        var norms = new float[rows.Length / d];
        for (var i = 0; i < norms.Length; i++)
        {
            var row = rows.AsSpan(i * d, d);
            norms[i] = TensorPrimitives.Dot(row, row);
        }

        return norms;
    }

    /// <summary>
    /// Squared distances from one row to the centres <c>firstCentre ..</c> (one per entry of <paramref name="centreNorms"/>);
    /// clamped at 0 against rounding.
    /// </summary>
    public static void RowDistances(
        ReadOnlySpan<float> x, float xNorm, float[] centres, ReadOnlySpan<float> centreNorms, Span<float> output, int firstCentre = 0)
    {
        var d = x.Length;
        for (var j = 0; j < centreNorms.Length; j++)
        {
            var value = xNorm - (2f * TensorPrimitives.Dot(x, centres.AsSpan((firstCentre + j) * d, d))) + centreNorms[j];
            output[j] = value > 0f ? value : 0f;
        }
    }

    /// <summary>Distances for rows <c>order[start .. start+count)</c>, in parallel, into <paramref name="output"/> (count x c).</summary>
    public static void BlockDistances(float[] data, int d, float[] norms, int[] order, int start, int count, float[] centres, float[] centreNorms, float[] output)
    {
        var c = centreNorms.Length;
        Parallel.For(0, (count + 63) / 64, block =>
        {
            var end = Math.Min(count, (block + 1) * 64);
            for (var k = block * 64; k < end; k++)
            {
                var i = order[start + k];
                RowDistances(data.AsSpan(i * d, d), norms[i], centres, centreNorms, output.AsSpan(k * c, c));
            }
        });
    }

    /// <summary>Centre step: each centre becomes the mean of its points; an empty cluster keeps its old centre.</summary>
    public static void CentreStep(float[] data, int d, int[] labels, float[] centres, int[] sizes)
    {
        var c = sizes.Length;
        var sums = new double[c * d];
        Array.Clear(sizes);
        for (var i = 0; i < labels.Length; i++)
        {
            var j = labels[i];
            sizes[j]++;
            var row = data.AsSpan(i * d, d);
            var sum = sums.AsSpan(j * d, d);
            for (var k = 0; k < d; k++)
            {
                sum[k] += row[k];
            }
        }

        for (var j = 0; j < c; j++)
        {
            if (sizes[j] == 0)
            {
                continue;
            }

            var inverse = 1.0 / sizes[j];
            for (var k = 0; k < d; k++)
            {
                centres[(j * d) + k] = (float)(sums[(j * d) + k] * inverse);
            }
        }
    }

    /// <summary>||X - M F^T||_F^2, computed from exact (not expanded) differences so that the trace is comparable.</summary>
    public static double Distortion(float[] data, int d, int[] labels, float[] centres)
    {
        // A fixed number of partial sums (not one per core) keeps the value identical on every machine.
        var partial = new double[16];
        var chunk = (labels.Length + partial.Length - 1) / partial.Length;
        Parallel.For(0, partial.Length, t =>
        {
            var sum = 0.0;
            for (var i = t * chunk; i < Math.Min(labels.Length, (t + 1) * chunk); i++)
            {
                double distance = TensorPrimitives.Distance(data.AsSpan(i * d, d), centres.AsSpan(labels[i] * d, d));
                sum += distance * distance;
            }

            partial[t] = sum;
        });
        return partial.Sum();
    }

    /// <summary>Index of the smallest value; on a tie the current label wins, otherwise the lowest index.</summary>
    public static int ArgMin(ReadOnlySpan<float> costs, int current)
    {
        var best = current >= 0 ? current : 0;
        var bestCost = costs[best];
        for (var j = 0; j < costs.Length; j++)
        {
            if (costs[j] < bestCost)
            {
                best = j;
                bestCost = costs[j];
            }
        }

        return best;
    }
}
