namespace Cbvr.Features.Encoding;

/// <summary>Settings shared by <see cref="KMeans"/> and <see cref="BalancedKMeans"/> (ALGORITHMS.md §1 stop rules).</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters c.</summary>
    public int Clusters { get; init; } = 8;

    /// <summary>Seed of the k-means++ draw, the sweep order and the row sample; same seed, same result.</summary>
    public int Seed { get; init; } = 1;

    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when an iteration lowers the objective by less than this fraction.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>
    /// Above this many rows the iterations run on a seeded uniform sample of this size (cost O(n c d) per
    /// iteration is what limits), then <see cref="FullDataIterations"/> more iterations run on all rows so that
    /// every row gets a label and the sizes count all rows.
    /// </summary>
    public int MaxSamples { get; init; } = 50_000;

    public int FullDataIterations { get; init; } = 2;
}
