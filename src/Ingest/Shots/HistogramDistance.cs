namespace Cbvr.Ingest.Shots;

/// <summary>Distances between normalised histograms.</summary>
public static class HistogramDistance
{
    /// <summary>Total variation distance, 0.5 * sum |a - b|: 0 for equal histograms, 1 for disjoint ones (= 1 - intersection).</summary>
    public static double TotalVariation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("histograms differ in length", nameof(b));
        }

        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return 0.5 * sum;
    }
}
