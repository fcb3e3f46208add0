namespace Cbvr.Api.Server;

/// <summary>
/// A concept of the bank. <c>Kind</c> is <c>builtin</c> (a detector's) or <c>trained</c> (taught from examples); the quality
/// figures are set for trained concepts only.
/// </summary>
public sealed record BankConceptDto(
    string Id, string Detector, string Name, IReadOnlyList<string> Synonyms, string Description, string Kind,
    double? CrossValidatedAp = null, double? ChanceAp = null, int? PositiveShots = null, int? NegativeShots = null);

/// <summary>
/// A concept to train (<c>POST /api/concepts</c>): examples are <c>VIDEOID</c> (every shot) or <c>VIDEOID:SHOT</c>; without
/// negatives, shots of other videos are sampled.
/// </summary>
public sealed record TrainConceptRequest(string? Name, IReadOnlyList<string>? Positives, IReadOnlyList<string>? Negatives, string? Description);

/// <summary>A trained concept: its bank entry with its quality, and how many videos were scored with it.</summary>
public sealed record TrainedConceptDto(
    string Id, string Name, string Description, int PositiveShots, int NegativeShots, double CrossValidatedAp, double ChanceAp, int VideosScored);
