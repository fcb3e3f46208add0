namespace Cbvr.Search.Ranking;

/// <summary>
/// The one ordering every Cbvr ranking uses (descending score, ties by smaller index, NaN last) and its non-interpolated
/// average precision. Named RankedList rather than Ranking so that callers in other Cbvr.Search namespaces do not
/// collide with the Cbvr.Search.Ranking namespace.
/// </summary>
public static class RankedList
{
    /// <summary>Item indices from best to worst: descending score, equal scores by smaller index.</summary>
    public static int[] Order(ReadOnlySpan<float> scores)
    {
        var keys = new ulong[scores.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(scores[i], i);
        }

        Array.Sort(keys);
        var order = new int[keys.Length];
        for (var r = 0; r < order.Length; r++)
        {
            order[r] = (int)(uint)keys[r];
        }

        return order;
    }

    /// <summary>
    /// Non-interpolated average precision (TRECVID; the definition of Detectors' CrossValidation.AveragePrecision):
    /// the mean over relevant items of the precision at each one's rank in <see cref="Order"/>. 0 without relevant items.
    /// Runs in O(n log R) for R relevant items, so it can be called in fitting loops.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> relevant)
    {
        if (scores.Length != relevant.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {relevant.Length} relevance labels", nameof(relevant));
        }

        var positives = new List<ulong>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (relevant[i])
            {
                positives.Add(Key(scores[i], i));
            }
        }

        if (positives.Count == 0)
        {
            return 0;
        }

        var sorted = positives.ToArray();
        Array.Sort(sorted);
        // ahead[j]: items ranked before the j-th relevant item gain one at the first relevant item they precede.
        var ahead = new int[sorted.Length + 1];
        for (var i = 0; i < scores.Length; i++)
        {
            var at = Array.BinarySearch(sorted, Key(scores[i], i));
            ahead[at >= 0 ? at + 1 : ~at]++;
        }

        var sum = 0.0;
        var before = 0;
        for (var j = 0; j < sorted.Length; j++)
        {
            before += ahead[j];
            sum += (j + 1.0) / (before + 1);
        }

        return sum / sorted.Length;
    }

    /// <summary>A 64-bit key whose ascending order is the ranking order: inverted sortable score bits, then the index.</summary>
    private static ulong Key(float score, int index)
    {
        // -0 + 0 = +0, so both zeros tie; NaN ranks with -∞.
        var bits = BitConverter.SingleToUInt32Bits(float.IsNaN(score) ? float.NegativeInfinity : score + 0f);
        var ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ((ulong)~ascending << 32) | (uint)index;
    }
}
