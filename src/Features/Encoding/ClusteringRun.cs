using System.Diagnostics;

namespace Cbvr.Features.Encoding;

/// <summary>
/// The loop shared by Lloyd and balanced k-means (ALGORITHMS.md §1 steps 1, 2 and 4): k-means++ seeding, nearest-centre
/// start, centre step, an assignment step, the stop rules, the row sample for large n and the final full-data pass.
/// </summary>
internal static class ClusteringRun
{
    public static ClusteringResult Run(float[] data, int d, KMeansOptions options, float[]? initialCentres, double gamma, bool balanced)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        ArgumentOutOfRangeException.ThrowIfNegative(gamma);
        if (data.Length % d != 0)
        {
            throw new ArgumentException($"{data.Length} values are not rows of {d} dimensions", nameof(data));
        }

        var n = data.Length / d;
        var c = options.Clusters;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(c);
        if (c > n)
        {
            throw new ArgumentException($"{c} clusters asked for {n} rows", nameof(options));
        }

        var random = new Random(options.Seed);
        var fit = n > options.MaxSamples ? Sample(data, d, n, options.MaxSamples, random) : data;
        var fitN = fit.Length / d;
        // γ is given for all n rows; on a sample of n' rows the sizes shrink by n'/n, so γ grows by n/n' to keep 2γ n_j.
        var fitGamma = gamma * n / fitN;
        var centres = initialCentres is null ? KMeansPlusPlus.Initialise(fit, d, c, random) : (float[])initialCentres.Clone();
        if (centres.Length != c * d)
        {
            throw new ArgumentException($"initial centres must hold {c} x {d} values", nameof(initialCentres));
        }

        var norms = CentreDistances.SquaredNorms(fit, d);
        var labels = new int[fitN];
        var sizes = new int[c];
        KMeans.AssignNearest(fit, d, norms, centres, labels, sizes, fresh: true);
        var trace = new List<double> { Objective(fit, d, labels, centres, sizes, fitGamma) };
        var iterations = 0;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            CentreDistances.CentreStep(fit, d, labels, centres, sizes);
            var changed = Assign(balanced, fit, d, norms, centres, labels, sizes, fitGamma, random);
            var objective = Objective(fit, d, labels, centres, sizes, fitGamma);
            var previous = trace[^1];
            Debug.Assert(objective <= previous + (1e-5 * Math.Abs(previous)), $"objective rose from {previous} to {objective}");
            trace.Add(objective);
            if (changed == 0 || previous - objective < options.RelativeTolerance * Math.Abs(previous))
            {
                break;
            }
        }

        if (fitN < n)
        {
            norms = CentreDistances.SquaredNorms(data, d);
            labels = new int[n];
            KMeans.AssignNearest(data, d, norms, centres, labels, sizes, fresh: true);
            for (var k = 0; k < options.FullDataIterations; k++)
            {
                CentreDistances.CentreStep(data, d, labels, centres, sizes);
                Assign(balanced, data, d, norms, centres, labels, sizes, gamma, random);
            }
        }

        CentreDistances.CentreStep(data, d, labels, centres, sizes);
        var final = Objective(data, d, labels, centres, sizes, gamma);
        return new ClusteringResult(new Codebook(centres, d, sizes), labels, trace, final, iterations, fitN);
    }

    /// <summary>||X - M F^T||^2 + γ sum_j n_j^2.</summary>
    public static double Objective(float[] data, int d, int[] labels, float[] centres, int[] sizes, double gamma)
    {
        var penalty = 0.0;
        foreach (var size in sizes)
        {
            penalty += (double)size * size;
        }

        return CentreDistances.Distortion(data, d, labels, centres) + (gamma * penalty);
    }

    private static int Assign(
        bool balanced, float[] data, int d, float[] norms, float[] centres, int[] labels, int[] sizes, double gamma, Random random)
        => balanced
            ? BalancedKMeans.Sweep(data, d, norms, centres, labels, sizes, gamma, random)
            : KMeans.AssignNearest(data, d, norms, centres, labels, sizes, fresh: false);

    private static float[] Sample(float[] data, int d, int n, int count, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var sample = new float[count * d];
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(i, n);
            (order[i], order[pick]) = (order[pick], order[i]);
            data.AsSpan(order[i] * d, d).CopyTo(sample.AsSpan(i * d, d));
        }

        return sample;
    }
}
