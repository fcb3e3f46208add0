namespace Cbvr.Search.Grouping;

/// <summary>Settings of <see cref="SpectralClustering"/> (ALGORITHMS.md §2: NJW with a self-tuning k-NN affinity, optional SSC).</summary>
public sealed record SpectralOptions
{
    /// <summary>k of the k-NN graph: an edge joins i and j when either is among the other's k nearest rows.</summary>
    public int Neighbours { get; init; } = 10;

    /// <summary>σ_i is the distance from row i to this neighbour (self-tuning bandwidth).</summary>
    public int BandwidthNeighbour { get; init; } = 7;

    /// <summary>Number of clusters; null chooses it at the largest eigengap in 2..<see cref="MaxClusters"/>.</summary>
    public int? Clusters { get; init; }

    public int MaxClusters { get; init; } = 8;

    /// <summary>k-means++ restarts on the embedding; the lowest distortion wins.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>Seed of the first restart (restart r uses Seed + r); same seed, same labels.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Scales every row to unit length first (cosine geometry, right for embeddings); turn off for points whose
    /// length carries meaning (geometric data).
    /// </summary>
    public bool NormalizeRows { get; init; } = true;

    /// <summary>Runs the spectral shrunk clustering step (<see cref="ShrunkClustering"/>) on the embedding instead of plain k-means.</summary>
    public bool Shrink { get; init; }

    /// <summary>λ of the shrinkage; null sweeps a log grid and takes the smallest λ that fuses the rows into the wanted number of clusters.</summary>
    public double? Lambda { get; init; }
}
