namespace Cbvr.Search.Grouping;

/// <summary>Adjusted Rand index (Hubert and Arabie) of two labelings: 1 for the same partition, about 0 for chance agreement.</summary>
public static class AdjustedRandIndex
{
    /// <summary>Compares two labelings of the same items; label values only name clusters (any integers).</summary>
    public static double Compute(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"labelings of {a.Count} and {b.Count} items cannot be compared", nameof(b));
        }

        var pairs = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < a.Count; i++)
        {
            pairs[(a[i], b[i])] = pairs.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }

        var index = pairs.Values.Sum(Choose2);
        var sumRows = rows.Values.Sum(Choose2);
        var sumColumns = columns.Values.Sum(Choose2);
        var total = Choose2(a.Count);
        var expected = total > 0 ? sumRows * sumColumns / total : 0;
        var maximum = (sumRows + sumColumns) / 2;
        // Both partitions trivial (one cluster, or all singletons) and equal: no room above chance, and they agree.
        return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
    }

    private static double Choose2(long n) => n * (n - 1) / 2.0;
}
