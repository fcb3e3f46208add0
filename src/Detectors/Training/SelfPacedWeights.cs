namespace Cbvr.Detectors.Training;

/// <summary>
/// Closed-form minimisers v*(l; λ) of v l + f(v; λ) for each self-paced regulariser (ALGORITHMS.md §3). Every one is
/// non-increasing in the loss l and non-decreasing in the age λ.
/// </summary>
public static class SelfPacedWeights
{
    public static double Hard(double loss, double lambda) => loss < lambda ? 1 : 0;

    public static double Linear(double loss, double lambda) => lambda <= 0 ? 0 : Math.Max(0, 1 - (loss / lambda));

    /// <summary>ζ = 1 - λ, 0 &lt; λ &lt; 1; f = sum(ζ v - ζ^v / ln ζ).</summary>
    public static double Logarithmic(double loss, double lambda)
    {
        if (lambda <= 0 || lambda >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the logarithmic rule needs 0 < λ < 1");
        }

        var zeta = 1 - lambda;
        return loss < lambda ? Math.Log(loss + zeta) / Math.Log(zeta) : 0;
    }

    /// <summary>λ1 &gt; λ2 &gt; 0, ζ = λ1 λ2 / (λ1 - λ2); f = -ζ sum ln(v + ζ/λ1).</summary>
    public static double Mixture(double loss, double lambda1, double lambda2)
    {
        if (!(lambda1 > lambda2 && lambda2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda1), $"the mixture rule needs λ1 > λ2 > 0, got {lambda1} and {lambda2}");
        }

        if (loss <= lambda2)
        {
            return 1;
        }

        if (loss >= lambda1)
        {
            return 0;
        }

        var zeta = lambda1 * lambda2 / (lambda1 - lambda2);
        return zeta * ((1 / loss) - (1 / lambda1));
    }

    /// <summary>
    /// SPLD (f = -λ sum v - γ sum_j ||v_Gj||_2, v in {0,1}): sort each group by loss; its r-th item (1-based) is chosen
    /// iff l &lt; λ + γ / (√r + √(r-1)). Exact minimiser, O(n log n). Ties in loss are ranked by index.
    /// </summary>
    public static void Diversity(ReadOnlySpan<double> losses, ReadOnlySpan<int> groups, double lambda, double gamma, Span<double> weights)
    {
        if (groups.Length != losses.Length || weights.Length != losses.Length)
        {
            throw new ArgumentException("losses, groups and weights must have the same length");
        }

        var lossArray = losses.ToArray();
        var order = Enumerable.Range(0, losses.Length).ToArray();
        var groupArray = groups.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byGroup = groupArray[a].CompareTo(groupArray[b]);
            if (byGroup != 0)
            {
                return byGroup;
            }

            var byLoss = lossArray[a].CompareTo(lossArray[b]);
            return byLoss != 0 ? byLoss : a.CompareTo(b);
        });
        var rank = 0;
        for (var k = 0; k < order.Length; k++)
        {
            rank = k > 0 && groupArray[order[k]] == groupArray[order[k - 1]] ? rank + 1 : 1;
            var threshold = lambda + (gamma / (Math.Sqrt(rank) + Math.Sqrt(rank - 1)));
            weights[order[k]] = lossArray[order[k]] < threshold ? 1 : 0;
        }
    }
}
