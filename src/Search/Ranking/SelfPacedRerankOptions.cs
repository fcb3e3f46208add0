namespace Cbvr.Search.Ranking;

/// <summary>Settings of <see cref="SelfPacedReranker"/>; defaults follow ALGORITHMS.md §4.</summary>
public sealed record SelfPacedRerankOptions
{
    /// <summary>Most rounds T (0 returns the initial list); the 1M-video system used 1.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>k0: pseudo-positives of the first round, the top k0 of the initial list.</summary>
    public int InitialPositives { get; init; } = 10;

    /// <summary>Random pseudo-negatives drawn per pseudo-positive.</summary>
    public int NegativesPerPositive { get; init; } = 20;

    /// <summary>Pseudo-negatives are drawn below rank NegativeRankFactor x k0.</summary>
    public int NegativeRankFactor { get; init; } = 10;

    /// <summary>Pseudo-positives added per round (k_{t+1} = k_t + growth).</summary>
    public int PositiveGrowth { get; init; } = 5;

    /// <summary>α in s_t = α s0 + (1 - α) r_t (both normalised); 1 keeps the initial list.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Mixture rule: λ2 is this quantile of each class's losses (easier items get weight 1).</summary>
    public double EasyQuantile { get; init; } = 0.5;

    /// <summary>Mixture rule: λ1 is at least this quantile of each class's losses (harder items get weight 0).</summary>
    public double HardQuantile { get; init; } = 0.75;

    /// <summary>Ridge strength of each modality's logistic regression.</summary>
    public double L2 { get; init; } = 1e-2;

    /// <summary>Seed of the pseudo-negative draws.</summary>
    public int Seed { get; init; } = 1;
}
