namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>The standard normal distribution: the CDF and its inverse (the "normal deviate" axes of a DET plot).</summary>
public static class Probit
{
    /// <summary>Φ(x), with the Abramowitz–Stegun 26.2.17 polynomial (absolute error below 7.5e-8).</summary>
    public static double Cdf(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.2316419 * z));
        var poly = t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        var tail = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }

    /// <summary>Φ⁻¹(p) by bisection on <see cref="Cdf"/>, p clamped to [1e-9, 1 − 1e-9].</summary>
    public static double Inverse(double p)
    {
        p = Math.Clamp(p, 1e-9, 1 - 1e-9);
        double low = -7, high = 7;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}
