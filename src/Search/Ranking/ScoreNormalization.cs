namespace Cbvr.Search.Ranking;

/// <summary>How one modality's raw scores for a query are put on a common scale before fusion (ALGORITHMS.md §6).</summary>
public enum ScoreNormalization
{
    /// <summary>(s - mean) / standard deviation over the scored items.</summary>
    ZScore,

    /// <summary>1 - (rank - 1) / N over the N scored items (rank 1 = best; tied scores share their mean rank).</summary>
    Rank,
}
