using Cbvr.Detectors.Training;

namespace Cbvr.Detectors.Concepts;

/// <summary>
/// A concept a user trained from examples: a linear model on a stored shot feature, with its examples and its cross-validated
/// average precision next to what chance would give.
/// </summary>
public sealed record TrainedConcept(
    string Name,
    string Description,
    string Feature,
    DateTimeOffset TrainedAt,
    IReadOnlyList<string> Positives,
    IReadOnlyList<string> Negatives,
    int PositiveShots,
    int NegativeShots,
    double CrossValidatedAp,
    double ChanceAp,
    LinearConceptModel Model)
{
    /// <summary>Prefix of trained concepts' ids and the detector id under which their scores are stored.</summary>
    public const string Detector = "user";

    public string Id => Detector + ":" + Name;

    public ConceptDefinition Definition => new(Id, Name.Replace('_', ' '), [], Description.Length > 0 ? Description : $"concept trained from {Positives.Count} example(s)");
}
