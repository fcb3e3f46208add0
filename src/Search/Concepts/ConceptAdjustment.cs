using System.Buffers;

namespace Cbvr.Search.Concepts;

/// <summary>
/// Concept adjustment (ALGORITHMS.md 5): turns a video's raw concept scores d in [0,1]^m into a few salient, consistent ones by
/// solving min_v 1/2 ||v - d||^2 + beta [alpha ||v||_1 + (1 - alpha) sum_g sqrt(p_g) ||v_g||] (without the hierarchy and
/// exclusion constraints) in closed form: u = max(d - alpha beta, 0), then each group g of p_g concepts is shrunk as a whole,
/// v_g = max(0, 1 - (1 - alpha) beta sqrt(p_g) / ||u_g||) u_g. Groups are the concept sources (detectors).
/// </summary>
public static class ConceptAdjustment
{
    /// <summary>
    /// Writes the adjusted scores of <paramref name="scores"/> into <paramref name="adjusted"/>. <paramref name="groupOf"/> gives each
    /// concept's group in [0, <paramref name="groupCount"/>), or a negative number for a concept in no group (only the L1 part applies).
    /// </summary>
    public static void Adjust(ReadOnlySpan<float> scores, ReadOnlySpan<int> groupOf, int groupCount, double alpha, double beta, Span<float> adjusted)
    {
        Validate(scores.Length, groupOf, groupCount, alpha, beta);
        if (adjusted.Length != scores.Length)
        {
            throw new ArgumentException($"adjusted has {adjusted.Length} entries for {scores.Length} scores", nameof(adjusted));
        }

        var squares = ArrayPool<double>.Shared.Rent(groupCount);
        var sizes = ArrayPool<int>.Shared.Rent(groupCount);
        try
        {
            Array.Clear(squares, 0, groupCount);
            Array.Clear(sizes, 0, groupCount);
            var threshold = alpha * beta;
            for (var i = 0; i < scores.Length; i++)
            {
                var u = Math.Max(scores[i] - threshold, 0.0);
                adjusted[i] = (float)u;
                if (groupOf[i] >= 0)
                {
                    squares[groupOf[i]] += u * u;
                    sizes[groupOf[i]]++;
                }
            }

            var groupWeight = (1 - alpha) * beta;
            for (var g = 0; g < groupCount; g++)
            {
                var norm = Math.Sqrt(squares[g]);
                squares[g] = norm > 0 ? Math.Max(0, 1 - groupWeight * Math.Sqrt(sizes[g]) / norm) : 0;
            }

            for (var i = 0; i < scores.Length; i++)
            {
                if (groupOf[i] >= 0)
                {
                    adjusted[i] = (float)(adjusted[i] * squares[groupOf[i]]);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(squares);
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    /// <summary>
    /// The beta (found by bisection, to 1e-6 relative) for which the adjusted <paramref name="sample"/> videos keep on average at
    /// most <paramref name="targetMeanNonZero"/> non-zero concepts, as close to it as the step function allows: the smallest such beta.
    /// </summary>
    public static double BetaForMeanNonZero(IReadOnlyList<float[]> sample, int[] groupOf, int groupCount, double alpha, double targetMeanNonZero)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetMeanNonZero);
        if (sample.Count == 0 || MeanNonZero(sample, groupOf, groupCount, alpha, 0) <= targetMeanNonZero)
        {
            return 0;
        }

        // The count only falls as beta grows; grow the upper end until it is low enough (every score is <= 1, so this ends).
        var high = 1.0;
        while (MeanNonZero(sample, groupOf, groupCount, alpha, high) > targetMeanNonZero)
        {
            high *= 2;
            if (high > 1e6)
            {
                throw new ArgumentException("no beta reaches the target: are the scores finite?", nameof(sample));
            }
        }

        var low = 0.0;
        while (high - low > 1e-6 * high)
        {
            var middle = (low + high) / 2;
            if (MeanNonZero(sample, groupOf, groupCount, alpha, middle) > targetMeanNonZero)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }

    private static double MeanNonZero(IReadOnlyList<float[]> sample, int[] groupOf, int groupCount, double alpha, double beta)
    {
        var buffer = new float[groupOf.Length];
        long nonZero = 0;
        foreach (var scores in sample)
        {
            Adjust(scores, groupOf, groupCount, alpha, beta, buffer);
            foreach (var v in buffer)
            {
                nonZero += v > 0 ? 1 : 0;
            }
        }

        return (double)nonZero / sample.Count;
    }

    private static void Validate(int count, ReadOnlySpan<int> groupOf, int groupCount, double alpha, double beta)
    {
        if (groupOf.Length != count)
        {
            throw new ArgumentException($"groupOf has {groupOf.Length} entries for {count} scores", nameof(groupOf));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(groupCount);
        if (!(alpha is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1]");
        }

        if (!(beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be >= 0");
        }

        foreach (var g in groupOf)
        {
            if (g >= groupCount)
            {
                throw new ArgumentException($"group {g} is outside [0, {groupCount})", nameof(groupOf));
            }
        }
    }
}
