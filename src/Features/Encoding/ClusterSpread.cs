namespace Cbvr.Features.Encoding;

/// <summary>How unequal cluster sizes are: the largest and smallest size, their ratio and the coefficient of
/// variation (standard deviation / mean); used to compare plain and balanced k-means.</summary>
public sealed record ClusterSpread(int Max, int Min, double MaxMinRatio, double CoefficientOfVariation)
{
    /// <summary>Spread of <paramref name="sizes"/>; the ratio is +∞ when a cluster is empty.</summary>
    public static ClusterSpread Of(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfZero(sizes.Count);
        var max = sizes.Max();
        var min = sizes.Min();
        var mean = sizes.Average();
        var variance = sizes.Sum(s => (s - mean) * (s - mean)) / sizes.Count;
        return new ClusterSpread(
            max, min, min == 0 ? double.PositiveInfinity : (double)max / min, mean == 0 ? 0 : Math.Sqrt(variance) / mean);
    }
}
