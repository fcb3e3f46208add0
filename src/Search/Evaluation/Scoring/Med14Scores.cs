using System.Text.Json.Serialization;

namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>
/// A decision point of F4DE's R0 analysis: the trials declared "y" (#CorDet, #FA) and not (#Cor!Det, #Miss), Percent Rank
/// (= returned / scored trials × 100), Recall % and R0 = Recall − m × PercentRank, at <see cref="Threshold"/> (the
/// RankThreshold for the actual decision, −Rank of the last trial returned for the maximum).
/// </summary>
public sealed record Med14Decision(
    int CorrectDetections, int CorrectNonDetections, int FalseAlarms, int Misses, double PercentRank, double Recall, double R0, double Threshold);

/// <summary>A point of a precision–recall curve (fractions in [0,1]) after <see cref="Returned"/> trials.</summary>
public sealed record PrecisionRecallPoint(int Returned, double Recall, double Precision);

/// <summary>A point of a DET curve: miss and false-alarm probabilities when every trial ranked at or above −<see cref="Threshold"/> is returned.</summary>
public sealed record DetPoint(double Threshold, double MissProbability, double FalseAlarmProbability);

/// <summary>One event's MED14 scores, as the rows of F4DE's DEVA_cli -p MED14 report, plus MinNDC and the curves.</summary>
public sealed record Med14EventScore(
    string EventId,
    int Targets,
    int NonTargets,
    int Trials,
    Med14Decision Actual,
    Med14Decision Maximum,
    double ApPercent,
    double MinNdc,
    [property: JsonIgnore] IReadOnlyList<PrecisionRecallPoint> PrecisionRecall,
    [property: JsonIgnore] IReadOnlyList<DetPoint> Det);

/// <summary>The scores of every event (ordinal order of EventID, as F4DE prints them), the MAP and the warnings about the inputs.</summary>
public sealed record Med14Report(IReadOnlyList<Med14EventScore> Events, IReadOnlyList<string> Warnings)
{
    /// <summary>Mean AP% over the events; an event without targets counts 0.</summary>
    public double MapPercent => Events.Count == 0 ? double.NaN : Events.Average(e => e.ApPercent);
}

/// <summary>The MED14 scoring constants: R0's m and the NDC costs (CostMiss 80, CostFA 1, Ptarg 0.001).</summary>
public sealed record Med14Parameters(double M = 12.5, double CostMiss = 80, double CostFalseAlarm = 1, double TargetPrior = 0.001)
{
    public static Med14Parameters Default { get; } = new();
}

/// <summary>Which input a <see cref="Med14InputException"/> is about.</summary>
public enum Med14Input
{
    Ref,
    TrialIndex,
    Detection,
    Threshold,
}

/// <summary>Inputs that cannot be scored together (e.g. a TrialID ranked twice, an event without a threshold row).</summary>
public sealed class Med14InputException(Med14Input input, string message) : Exception(message)
{
    public Med14Input Input { get; } = input;
}
