using System.Diagnostics;
using System.Numerics.Tensors;

namespace Cbvr.Search.Vectors;

/// <summary>
/// Building blocks for `cbvr bench search`: realistic synthetic embeddings, the memory-bandwidth floor that an exact
/// scan is judged against, and recall of approximate results. Returns numbers only; the caller prints.
/// </summary>
public static class VectorBenchmark
{
    private const int Subspace = 16;

    /// <summary>
    /// <paramref name="count"/> L2-normalised rows (row-major) shaped like CNN embeddings: each row belongs to one of
    /// <paramref name="clusters"/> random centres and varies mostly within a 16-dimensional subspace of its own cluster
    /// (embeddings have low intrinsic dimension), plus small isotropic noise. Deterministic for a given seed.
    /// </summary>
    public static float[] SyntheticClustered(int count, int dimensions, int clusters, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        var random = new Random(seed);
        var centres = new float[clusters * dimensions];
        var directions = new float[clusters * Subspace * dimensions];
        FillUnitRows(random, centres, dimensions);
        FillUnitRows(random, directions, dimensions);
        var data = new float[(long)count * dimensions];
        const int chunk = 4096;
        Parallel.For(0, (count + chunk - 1) / chunk, part =>
        {
            var local = new Random(HashCode.Combine(seed, part));
            var weights = new float[Subspace];
            for (var i = part * chunk; i < Math.Min(count, (part + 1) * chunk); i++)
            {
                var row = data.AsSpan((int)((long)i * dimensions), dimensions);
                var cluster = local.Next(clusters);
                FillGaussian(local, row, 0.25f / MathF.Sqrt(dimensions));
                TensorPrimitives.Add(row, centres.AsSpan(cluster * dimensions, dimensions), row);
                FillGaussian(local, weights, 0.6f / MathF.Sqrt(Subspace));
                for (var j = 0; j < Subspace; j++)
                {
                    var direction = directions.AsSpan((cluster * Subspace + j) * dimensions, dimensions);
                    TensorPrimitives.MultiplyAdd(direction, weights[j], row, row);
                }
                TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
            }
        });
        return data;
    }

    /// <summary>
    /// Bytes per second of a plain parallel read (sum) over the rows of <paramref name="index"/> on
    /// <paramref name="threads"/> threads, with the scan's blocking: the best of three passes.
    /// </summary>
    public static double MemoryReadBytesPerSecond(VectorIndex index, int threads)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var best = double.MaxValue;
        long bytes = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            var watch = Stopwatch.StartNew();
            bytes = index.ReadAll(threads, out var checksum);
            var seconds = watch.Elapsed.TotalSeconds;
            best = float.IsNaN(checksum) ? best : Math.Min(best, seconds);
        }
        return bytes / best;
    }

    /// <summary>Share of the top <paramref name="k"/> keys of <paramref name="exact"/> found in the top <paramref name="k"/> of <paramref name="approx"/>.</summary>
    public static double Recall(IReadOnlyList<(int Key, float Score)> exact, IReadOnlyList<(int Key, float Score)> approx, int k)
    {
        var truth = exact.Take(k).Select(e => e.Key).ToHashSet();
        if (truth.Count == 0)
        {
            return 1;
        }
        return (double)approx.Take(k).Count(a => truth.Contains(a.Key)) / truth.Count;
    }

    private static void FillUnitRows(Random random, float[] rows, int dimensions)
    {
        FillGaussian(random, rows, 1);
        for (var offset = 0; offset < rows.Length; offset += dimensions)
        {
            var row = rows.AsSpan(offset, dimensions);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }
    }

    private static void FillGaussian(Random random, Span<float> values, float sigma)
    {
        for (var i = 0; i < values.Length; i += 2)
        {
            // Box-Muller: two independent normals from two uniforms.
            var radius = sigma * MathF.Sqrt(-2 * MathF.Log(1 - random.NextSingle()));
            var angle = 2 * MathF.PI * random.NextSingle();
            values[i] = radius * MathF.Cos(angle);
            if (i + 1 < values.Length)
            {
                values[i + 1] = radius * MathF.Sin(angle);
            }
        }
    }
}
