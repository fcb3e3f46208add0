using System.Buffers;
using System.Numerics.Tensors;

namespace Cbvr.Search.Vectors;

/// <content>Full scans: exact top-k, linear scoring, and the row walks used by <see cref="AnnIndex"/> and the benchmark.</content>
public sealed partial class VectorIndex
{
    /// <summary>Gives one live row to a parallel walk; called concurrently from several threads.</summary>
    internal delegate void RowVisitor(int key, ReadOnlySpan<float> row);

    private static ParallelOptions AllCores => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>
    /// The <paramref name="k"/> live rows most cosine-similar to <paramref name="query"/>, best first (ties: smaller key
    /// first). <paramref name="accept"/>, when given, filters keys and is called concurrently from several threads.
    /// </summary>
    public IReadOnlyList<(int Key, float Score)> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var normalised = ArrayPool<float>.Shared.Rent(Dimensions);
        EnterRead();
        try
        {
            Normalise(query, normalised.AsSpan(0, Dimensions));
            k = Math.Min(k, slotOfKey.Count);
            if (k == 0)
            {
                return [];
            }
            var best = new TopK(k);
            Parallel.For(0, rows.BlockCount, AllCores, () => new TopK(k), (block, _, top) => ScanBlock(block, normalised, accept, top), top =>
            {
                lock (best)
                {
                    best.OfferAll(top);
                }
            });
            return best.ToSortedArray();
        }
        finally
        {
            gate.ExitReadLock();
            ArrayPool<float>.Shared.Return(normalised);
        }
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(key, w·x + b) for every live row x (stored normalised), in storage order, on the
    /// calling thread: the scores are computed in parallel first, and the index is not locked while visiting.
    /// </summary>
    public void ScoreAll(ReadOnlySpan<float> weights, float bias, Action<int, float> visit)
    {
        if (weights.Length != Dimensions)
        {
            throw new ArgumentException($"expected {Dimensions} weights, got {weights.Length}", nameof(weights));
        }
        var w = weights.ToArray();
        int slots;
        int[] keys;
        float[] scores;
        EnterRead();
        try
        {
            slots = rows.Slots;
            keys = ArrayPool<int>.Shared.Rent(slots);
            scores = ArrayPool<float>.Shared.Rent(slots);
            keyOfSlot.AsSpan(0, slots).CopyTo(keys);
            Parallel.For(0, rows.BlockCount, AllCores, block => ScoreBlock(block, w, bias, scores));
        }
        finally
        {
            gate.ExitReadLock();
        }
        try
        {
            for (var slot = 0; slot < slots; slot++)
            {
                if (keys[slot] >= 0)
                {
                    visit(keys[slot], scores[slot]);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>Walks the live rows on <paramref name="threads"/> threads (for building an ANN index).</summary>
    internal void ForEachRow(int threads, RowVisitor visitor)
    {
        EnterRead();
        try
        {
            Parallel.For(0, rows.BlockCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
            {
                var data = BlockSpan(block, out var first, out var count);
                for (var r = 0; r < count; r++)
                {
                    var key = keyOfSlot[first + r];
                    if (key >= 0)
                    {
                        visitor(key, data.Slice(r * Dimensions, Dimensions));
                    }
                }
            });
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Sums every stored float with the same blocking and threads as a search, returning the bytes read (the bandwidth floor).</summary>
    internal long ReadAll(int threads, out float checksum)
    {
        var total = 0f;
        var sync = new object();
        EnterRead();
        try
        {
            Parallel.For(0, rows.BlockCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => 0f,
                (block, state, sum) => sum + TensorPrimitives.Sum(BlockSpan(block, out _, out _)),
                sum =>
                {
                    lock (sync)
                    {
                        total += sum;
                    }
                });
            checksum = total;
            return rows.Bytes;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private TopK ScanBlock(int block, float[] query, Func<int, bool>? accept, TopK top)
    {
        var data = BlockSpan(block, out var first, out var count);
        var q = query.AsSpan(0, Dimensions);
        var keys = keyOfSlot.AsSpan(first, count);
        for (var r = 0; r < keys.Length; r++)
        {
            var key = keys[r];
            if (key < 0 || (accept is not null && !accept(key)))
            {
                continue;
            }
            var score = TensorPrimitives.Dot(data.Slice(r * Dimensions, Dimensions), q);
            if (score >= top.Threshold)
            {
                top.Offer(score, key);
            }
        }
        return top;
    }

    private void ScoreBlock(int block, float[] weights, float bias, float[] scores)
    {
        var data = BlockSpan(block, out var first, out var count);
        for (var r = 0; r < count; r++)
        {
            scores[first + r] = TensorPrimitives.Dot(data.Slice(r * Dimensions, Dimensions), weights) + bias;
        }
    }

    private unsafe ReadOnlySpan<float> BlockSpan(int block, out int first, out int count)
    {
        var start = rows.Block(block, out first, out count);
        return new ReadOnlySpan<float>(start, count * Dimensions);
    }
}
