using Cbvr.Detectors.Training;
using MathNet.Numerics.Statistics;

namespace Cbvr.Search.Ranking;

/// <summary>Choosing SPaR's pseudo-positives and random pseudo-negatives from a ranked list, and their self-paced weights.</summary>
internal static class PseudoLabels
{
    /// <summary>The first <paramref name="count"/> items of <paramref name="order"/> that are not excluded.</summary>
    public static int[] Top(int[] order, int count, IReadOnlySet<int> excluded)
        => order.Where(i => !excluded.Contains(i)).Take(count).ToArray();

    /// <summary>
    /// A seeded random sample of <paramref name="count"/> items ranked at or below <paramref name="fromRank"/> (0-based),
    /// skipping excluded ones; when the list is too short the draw starts higher, but never above <paramref name="floor"/>.
    /// </summary>
    public static int[] Negatives(int[] order, int count, int fromRank, int floor, IReadOnlySet<int> excluded, Random random)
    {
        var start = Math.Clamp(Math.Min(fromRank, order.Length - count - excluded.Count), Math.Min(floor, order.Length), order.Length);
        var pool = order[start..].Where(i => !excluded.Contains(i)).ToArray();
        var take = Math.Min(count, pool.Length);
        for (var j = 0; j < take; j++)
        {
            var pick = random.Next(j, pool.Length);
            (pool[j], pool[pick]) = (pool[pick], pool[j]);
        }

        return pool[..take];
    }

    /// <summary>
    /// Mixture-rule weights v of one class from its losses: weight 1 up to the <paramref name="easy"/> quantile (λ2), 0 from
    /// λ1 = max(<paramref name="boundary"/>, the <paramref name="hard"/> quantile) on; NaN losses (unseen items) get 0.
    /// </summary>
    public static double[] Mixture(double[] losses, double easy, double hard, double boundary = double.NegativeInfinity)
    {
        var known = losses.Where(double.IsFinite).Order().ToArray();
        var weights = new double[losses.Length];
        if (known.Length == 0)
        {
            return weights;
        }

        var lambda2 = Math.Max(Quantile(known, easy), 1e-12);
        var lambda1 = Math.Max(Math.Max(Quantile(known, hard), boundary), lambda2 * (1 + 1e-6));
        for (var j = 0; j < losses.Length; j++)
        {
            weights[j] = double.IsFinite(losses[j]) ? SelfPacedWeights.Mixture(losses[j], lambda1, lambda2) : 0;
        }

        return weights;
    }

    /// <summary>Linearly interpolated quantile of sorted values (position p (n - 1), as Detectors' schedule uses).</summary>
    private static double Quantile(double[] sorted, double p)
        => SortedArrayStatistics.QuantileCustom(sorted, Math.Clamp(p, 0, 1), QuantileDefinition.R7);
}
