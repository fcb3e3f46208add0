using Cbvr.Search.Evaluation.Med14;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// Turns one event's fused search scores into MED14 detection rows and an operating point.
/// Scores: the logistic of the score's z-score among the event's scored trials, 1 / (1 + e^-z): strictly monotone in the
/// search score (the ranking is kept), in (0,1) whatever the fusion's scale, and comparable across events (0.5 = the event's
/// mean, 0.88 = two standard deviations above it). A trial whose clip the library lacks scores 0 and ranks below every scored
/// one (ties among them by TrialID). Ranks are 1..n, scores non-increasing with rank.
/// Operating point: the trials at least <see cref="OutlierZ"/> standard deviations above the mean (the outliers of the score
/// distribution, where a low-prior event's targets are expected), at most n / 12.5 of them: with R0 = Recall - 12.5 × the
/// percentage returned, returning more than n / 12.5 trials can never give a positive R0. RankThreshold is one more than the
/// number returned (MED14's actual decision is Rank &lt; RankThreshold); DetectionThreshold is the lowest returned score (1.0
/// when none is returned).
/// </summary>
public static class MedRunScores
{
    public const double OutlierZ = 2;

    /// <summary>R0's weight on the percentage returned (MED14).</summary>
    public const double R0Weight = 12.5;

    /// <summary>
    /// Ranks <paramref name="trials"/>: <paramref name="raw"/> is each trial's search score and its position in the search's
    /// order (null when the library lacks its clip).
    /// </summary>
    public static (IReadOnlyList<DetectionRow> Rows, double DetectionThreshold, long RankThreshold) Rank(IReadOnlyList<TrialRow> trials, Func<TrialRow, (double Score, int Position)?> raw)
    {
        var scored = trials.Select(t => (Trial: t, Raw: raw(t))).ToList();
        var values = scored.Where(s => s.Raw is not null).Select(s => s.Raw!.Value.Score).ToList();
        var mean = values.Count > 0 ? values.Average() : 0;
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count) : 0;
        double Z(double v) => sd > 1e-12 ? (v - mean) / sd : 0;
        var ordered = scored
            .Select(s => (s.Trial, Z: s.Raw is { } r ? Z(r.Score) : double.NegativeInfinity, Position: s.Raw?.Position ?? int.MaxValue))
            .OrderByDescending(s => s.Z).ThenBy(s => s.Position).ThenBy(s => s.Trial.TrialId, StringComparer.Ordinal)
            .ToList();
        var rows = ordered.Select((s, i) => new DetectionRow(s.Trial.TrialId, double.IsNegativeInfinity(s.Z) ? 0 : 1 / (1 + Math.Exp(-s.Z)), i + 1)).ToList();
        var returned = Math.Min(ordered.Count(s => s.Z >= OutlierZ), (int)Math.Floor(trials.Count / R0Weight));
        return (rows, returned > 0 ? rows[returned - 1].Score : 1.0, returned + 1);
    }
}
