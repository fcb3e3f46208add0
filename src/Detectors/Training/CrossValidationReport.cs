namespace Cbvr.Detectors.Training;

/// <summary>Mean over the folds of average precision and accuracy.</summary>
public sealed record CrossValidationReport(double AveragePrecision, double Accuracy, int Folds);
