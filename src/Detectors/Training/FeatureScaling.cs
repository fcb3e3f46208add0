namespace Cbvr.Detectors.Training;

/// <summary>Per-feature mean and standard deviation of a training set (a constant feature gets scale 1).</summary>
internal sealed class FeatureScaling
{
    public FeatureScaling(IReadOnlyList<float[]> features, IReadOnlyList<int> rows)
    {
        var d = features[rows[0]].Length;
        var sum = new double[d];
        var squares = new double[d];
        foreach (var i in rows)
        {
            var x = features[i];
            if (x.Length != d)
            {
                throw new ArgumentException($"feature row {i} has {x.Length} values, not {d}", nameof(features));
            }

            for (var k = 0; k < d; k++)
            {
                sum[k] += x[k];
                squares[k] += (double)x[k] * x[k];
            }
        }

        Mean = new float[d];
        Scale = new float[d];
        for (var k = 0; k < d; k++)
        {
            var mean = sum[k] / rows.Count;
            var std = Math.Sqrt(Math.Max(0, (squares[k] / rows.Count) - (mean * mean)));
            Mean[k] = (float)mean;
            Scale[k] = std > 1e-12 ? (float)std : 1f;
        }
    }

    public float[] Mean { get; }

    public float[] Scale { get; }

    public double[] Apply(float[] x)
    {
        var z = new double[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            z[k] = (x[k] - Mean[k]) / Scale[k];
        }

        return z;
    }
}
