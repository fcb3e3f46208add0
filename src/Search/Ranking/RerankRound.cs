namespace Cbvr.Search.Ranking;

/// <summary>
/// One round of <see cref="SelfPacedReranker"/>: how many pseudo-positives and pseudo-negatives trained the models, and
/// how many items of the new top |P| were not among the pseudo-positives (0 stops the reranking early).
/// </summary>
public sealed record RerankRound(int Round, int Positives, int Negatives, int TopChanged);
