namespace Cbvr.Search.Ranking;

/// <summary>Reranked scores (one per item, higher is better) and what each round did.</summary>
public sealed record RerankResult(float[] Scores, IReadOnlyList<RerankRound> Rounds);
