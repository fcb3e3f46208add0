namespace Cbvr.Search.Ranking;

/// <summary>
/// One modality's raw scores for one query: <paramref name="Scores"/>[i] scores item i. Items the modality could not
/// score have <paramref name="Present"/>[i] == false (null = every item scored); non-finite scores count as absent too.
/// </summary>
public sealed record ModalityScores(string Modality, float[] Scores, bool[]? Present = null);
