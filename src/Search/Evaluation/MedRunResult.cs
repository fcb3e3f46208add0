using Cbvr.Search.Evaluation.Med14;
using Cbvr.Search.Queries;

namespace Cbvr.Search.Evaluation;

/// <summary>A recounted hit: the trial, its rank and score in the detection file, the library video and the evidence for it.</summary>
public sealed record MedRecount(string TrialId, string ClipId, long Rank, double Score, string VideoId, string FileName, double DurationSeconds, HitEvidence Evidence);

/// <summary>
/// One event of a run: its ranked trials (the detection rows), the threshold row with the measured processing times, the
/// recounting of the top hits, the number of targets (from the kit's truth, 0 without), trials whose clip the library lacks,
/// and the search's notes.
/// </summary>
public sealed record MedEventRun(
    string EventId, string EventName, IReadOnlyList<DetectionRow> Detection, ThresholdRow Threshold, IReadOnlyList<MedRecount> Recounting,
    int Targets, int Unmatched, IReadOnlyList<string> Notes, double RecountingSeconds);

/// <summary>
/// A whole run: id, settings, kit, per-event results; the collection's metadata generation time (hours, summed over the clips'
/// ingest jobs) and how SEARCHMDTPT was derived from it.
/// </summary>
public sealed record MedRunResult(
    string RunId, MedRunSettings Settings, string Kit, int Clips, int ClipsInLibrary, IReadOnlyList<MedEventRun> Events,
    double CollectionMetadataHours, string SearchMdAccounting, double TotalSeconds);
