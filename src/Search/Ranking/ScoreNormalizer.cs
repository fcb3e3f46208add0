namespace Cbvr.Search.Ranking;

/// <summary>
/// Per-query, per-modality score normalisation (ALGORITHMS.md §6 step 1), computed over the items the modality scored.
/// Items it did not score (present[i] == false, or a non-finite raw score) get the lowest normalised value, so a
/// missing modality never lifts an item. Constant input carries no ranking and normalises to all zeros.
/// </summary>
public static class ScoreNormalizer
{
    /// <summary>Normalised scores, one per raw score; <paramref name="present"/> empty means every item was scored.</summary>
    public static float[] Normalize(ReadOnlySpan<float> raw, ScoreNormalization method, ReadOnlySpan<bool> present = default)
    {
        if (!present.IsEmpty && present.Length != raw.Length)
        {
            throw new ArgumentException($"{raw.Length} scores but {present.Length} presence flags", nameof(present));
        }

        var scored = new List<int>(raw.Length);
        var low = float.PositiveInfinity;
        var high = float.NegativeInfinity;
        for (var i = 0; i < raw.Length; i++)
        {
            if ((present.IsEmpty || present[i]) && float.IsFinite(raw[i]))
            {
                scored.Add(i);
                low = Math.Min(low, raw[i]);
                high = Math.Max(high, raw[i]);
            }
        }

        var result = new float[raw.Length];
        if (scored.Count == 0 || low == high)
        {
            return result;
        }

        var floor = method switch
        {
            ScoreNormalization.ZScore => ZScore(raw, scored, result),
            ScoreNormalization.Rank => Rank(raw, scored, result),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown score normalisation"),
        };
        if (scored.Count < raw.Length)
        {
            var isScored = new bool[raw.Length];
            scored.ForEach(i => isScored[i] = true);
            for (var i = 0; i < raw.Length; i++)
            {
                result[i] = isScored[i] ? result[i] : floor;
            }
        }

        return result;
    }

    /// <summary>Writes z-scores of the scored items; returns the lowest.</summary>
    private static float ZScore(ReadOnlySpan<float> raw, List<int> scored, float[] result)
    {
        var mean = 0.0;
        foreach (var i in scored)
        {
            mean += raw[i];
        }

        mean /= scored.Count;
        var variance = 0.0;
        foreach (var i in scored)
        {
            variance += (raw[i] - mean) * (raw[i] - mean);
        }

        var std = Math.Sqrt(variance / scored.Count);
        var floor = float.PositiveInfinity;
        foreach (var i in scored)
        {
            result[i] = (float)((raw[i] - mean) / std);
            floor = Math.Min(floor, result[i]);
        }

        return floor;
    }

    /// <summary>Writes 1 - (rank - 1)/N with mean ranks for ties; returns the lowest.</summary>
    private static float Rank(ReadOnlySpan<float> raw, List<int> scored, float[] result)
    {
        var values = new float[scored.Count];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = raw[scored[k]];
        }

        var order = RankedList.Order(values);
        var n = (double)values.Length;
        var floor = float.PositiveInfinity;
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]])
            {
                end++;
            }

            // Ranks start+1..end share their mean rank (start + end + 1) / 2.
            var value = (float)(1 - ((((start + end + 1) / 2.0) - 1) / n));
            for (var r = start; r < end; r++)
            {
                result[scored[order[r]]] = value;
            }

            floor = Math.Min(floor, value);
            start = end;
        }

        return floor;
    }
}
