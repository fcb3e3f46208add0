namespace Cbvr.Detectors.Training;

/// <summary>
/// One age of the self-paced schedule on the full training set (age 0 = plain model on all items). λ is the class's
/// age (for the mixture rule λ2); the cross-validated figures judge the model of this age; SampleWeights holds v of
/// every training item at this age, in input order.
/// </summary>
public sealed record AgeRecord(
    int Age,
    double LambdaPositive,
    double LambdaNegative,
    double SelectedFraction,
    double WeightChange,
    double CrossValidatedAp,
    double CrossValidatedAccuracy,
    double[] SampleWeights);
