namespace Cbvr.Search.Grouping;

/// <summary>Outcome of <see cref="SpectralClustering.Cluster"/>.</summary>
/// <param name="Labels">Cluster of every input row, numbered 0.. in order of first appearance.</param>
/// <param name="Clusters">Number of distinct labels.</param>
/// <param name="Eigenvalues">The largest eigenvalues of D^-1/2 W D^-1/2, in descending order (at least one past the chosen count).</param>
public sealed record SpectralResult(int[] Labels, int Clusters, double[] Eigenvalues);
