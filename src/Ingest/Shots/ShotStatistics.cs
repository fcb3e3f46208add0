namespace Cbvr.Ingest.Shots;

/// <summary>
/// Recent frame-to-frame distances with robust statistics: median and sigma = 1.4826 * median absolute deviation.
/// Robust, because the distances of a video with frequent transitions are bimodal and a plain standard deviation explodes.
/// </summary>
public sealed class ShotStatistics(int capacity)
{
    private readonly Queue<double> _values = new();

    public int Count => _values.Count;

    public void Add(double value)
    {
        _values.Enqueue(value);
        if (_values.Count > capacity)
        {
            _values.Dequeue();
        }
    }

    /// <summary>(0, 0) until three values are known.</summary>
    public (double Median, double Sigma) MedianAndSigma()
    {
        if (_values.Count < 3)
        {
            return (0, 0);
        }

        Span<double> values = stackalloc double[_values.Count];
        var i = 0;
        foreach (var v in _values)
        {
            values[i++] = v;
        }

        var median = Median(values);
        for (i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        return (median, 1.4826 * Median(values));
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }
}
