namespace Cbvr.Search.Evaluation.Med14;

/// <summary>A row of a MED14 detection file: a trial, its score in [0,1] and its rank (1 = best).</summary>
public sealed record DetectionRow(string TrialId, double Score, long Rank);

/// <summary>
/// A row of a MED14 threshold file (all 8 columns). TPTs are processing times in hours: detection (search over the collection),
/// event agent generation, and metadata generation for the examples, the background and the search collection.
/// </summary>
public sealed record ThresholdRow(
    string EventId, double DetectionThreshold, long RankThreshold, double DetectionTpt, double EagTpt, double EmdTpt, double EbgmdTpt, double SearchMdTpt);

/// <summary>A row of a TrialIndex file: TrialID ("ClipID.EventID" in MED14 kits), ClipID, EventID.</summary>
public sealed record TrialRow(string TrialId, string ClipId, string EventId);

/// <summary>A row of a Ref file: the trial and whether it is a target (Targ "y").</summary>
public sealed record RefRow(string TrialId, bool Target);
