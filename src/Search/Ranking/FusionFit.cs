namespace Cbvr.Search.Ranking;

/// <summary>
/// Result of <see cref="FusionWeightFitter.Fit"/>: the weights fitted on every query, the leave-one-query-out MAP of
/// the fitting procedure, the MAP of equal weights, and each modality's MAP alone (over the queries that have it).
/// </summary>
public sealed record FusionFit(
    IReadOnlyDictionary<string, double> Weights,
    double CrossValidatedMap,
    double EqualWeightsMap,
    IReadOnlyDictionary<string, double> SingleModalityMap);
