using Cbvr.Search.Evaluation.Med14;

namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>
/// Scores MED14 submission rows as NIST F4DE's <c>DEVA_cli -p MED14</c> does (verified on F4DE's own test, res-test2m14.txt):
/// <list type="bullet">
/// <item>a trial is scored when it is in both the TrialIndex and the detection file (index trials missing from the detection file are
/// dropped with a warning, not counted as misses); a trial absent from the ref is a non-target;</item>
/// <item>the ranking is by Rank (which may be global over all events), ties by ascending TrialID; Score is not used;</item>
/// <item>the actual decision is "y" iff Rank &lt; RankThreshold; Percent Rank = "y" trials / scored trials × 100, whatever the rank values;</item>
/// <item>the maximum R0 is sought over the cuts after each distinct Rank (the DET threshold is −Rank), never the empty cut;</item>
/// <item>MinNDC (not in F4DE's MED14 table) is the smallest normalised detection cost over the same cuts plus the empty one (NDC 1);</item>
/// <item>AP% = 100/#Targ × Σ over targets at position k of (targets in the top k)/k; 0 for an event without targets.</item>
/// </list>
/// </summary>
public static class Med14Scorer
{
    public static Med14Report Score(
        IReadOnlyList<RefRow> reference,
        IReadOnlyList<TrialRow> index,
        IReadOnlyList<DetectionRow> detection,
        IReadOnlyList<ThresholdRow> thresholds,
        Med14Parameters? parameters = null)
    {
        parameters ??= Med14Parameters.Default;
        var warnings = new List<string>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in reference.Where(r => r.Target))
        {
            targets.Add(row.TrialId);
        }

        var eventOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var trial in index)
        {
            if (!eventOf.TryAdd(trial.TrialId, trial.EventId))
            {
                throw new Med14InputException(Med14Input.TrialIndex, $"TrialID {trial.TrialId} is listed twice");
            }
        }

        var ranked = new Dictionary<string, List<(string TrialId, long Rank)>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notInIndex = 0;
        foreach (var row in detection)
        {
            if (!seen.Add(row.TrialId))
            {
                throw new Med14InputException(Med14Input.Detection, $"TrialID {row.TrialId} is ranked twice");
            }

            if (!eventOf.TryGetValue(row.TrialId, out var eventId))
            {
                notInIndex++;
                continue;
            }

            (ranked.TryGetValue(eventId, out var list) ? list : ranked[eventId] = []).Add((row.TrialId, row.Rank));
        }

        if (notInIndex > 0)
        {
            warnings.Add($"{notInIndex} detection row(s) are not in the TrialIndex and were ignored");
        }

        var missingByEvent = index.Where(t => !seen.Contains(t.TrialId)).CountBy(t => t.EventId, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var events = new List<Med14EventScore>();
        foreach (var eventId in index.Select(t => t.EventId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var trials = ranked.TryGetValue(eventId, out var list) ? list : [];
            if (missingByEvent.TryGetValue(eventId, out var missing))
            {
                warnings.Add($"event {eventId}: {missing} trial(s) of the TrialIndex are missing from the detection file and were not scored");
            }

            var threshold = thresholds.FirstOrDefault(t => t.EventId == eventId)
                ?? throw new Med14InputException(Med14Input.Threshold, $"no row for event {eventId}");
            var order = trials.OrderBy(t => t.Rank).ThenBy(t => t.TrialId, StringComparer.Ordinal)
                .Select(t => (t.Rank, Target: targets.Contains(t.TrialId))).ToList();
            events.Add(ScoreEvent(eventId, order, threshold.RankThreshold, parameters));
        }

        return new Med14Report(events, warnings);
    }

    /// <summary>One event's scores from its trials in ranking order (Rank, then TrialID).</summary>
    public static Med14EventScore ScoreEvent(string eventId, IReadOnlyList<(long Rank, bool Target)> order, long rankThreshold, Med14Parameters parameters)
    {
        var nTarg = order.Count(t => t.Target);
        var nNonTarg = order.Count - nTarg;
        Med14Decision Decision(int returned, int truePositives, double threshold)
        {
            var falseAlarms = returned - truePositives;
            var recall = nTarg > 0 ? 100.0 * truePositives / nTarg : double.NaN;
            var percentRank = order.Count > 0 ? 100.0 * returned / order.Count : double.NaN;
            return new Med14Decision(truePositives, nNonTarg - falseAlarms, falseAlarms, nTarg - truePositives, percentRank, recall, recall - (parameters.M * percentRank), threshold);
        }

        var normaliser = Math.Min(parameters.CostMiss * parameters.TargetPrior, parameters.CostFalseAlarm * (1 - parameters.TargetPrior));
        var pr = new List<PrecisionRecallPoint>(order.Count);
        var det = new List<DetPoint>();
        Med14Decision? maximum = null;
        var minNdc = nTarg > 0 ? parameters.CostMiss * parameters.TargetPrior / normaliser : double.NaN; // the empty cut
        var hits = 0;
        var precisionSum = 0.0;
        var actualReturned = 0;
        var actualHits = 0;
        for (var k = 0; k < order.Count; k++)
        {
            var (rank, target) = order[k];
            if (target)
            {
                hits++;
                precisionSum += (double)hits / (k + 1);
            }

            if (rank < rankThreshold)
            {
                actualReturned++;
                actualHits += target ? 1 : 0;
            }

            pr.Add(new PrecisionRecallPoint(k + 1, nTarg > 0 ? (double)hits / nTarg : double.NaN, (double)hits / (k + 1)));
            if (k + 1 < order.Count && order[k + 1].Rank == rank)
            {
                continue; // a cut on -Rank keeps tied trials together
            }

            var point = Decision(k + 1, hits, -rank);
            if (maximum is null || point.R0 > maximum.R0)
            {
                maximum = point;
            }

            var pMiss = nTarg > 0 ? (double)(nTarg - hits) / nTarg : double.NaN;
            var pFa = nNonTarg > 0 ? (double)(k + 1 - hits) / nNonTarg : double.NaN;
            det.Add(new DetPoint(-rank, pMiss, pFa));
            var ndc = ((parameters.CostMiss * parameters.TargetPrior * pMiss) + (parameters.CostFalseAlarm * (1 - parameters.TargetPrior) * pFa)) / normaliser;
            minNdc = double.IsNaN(minNdc) || ndc < minNdc ? ndc : minNdc;
        }

        return new Med14EventScore(
            eventId, nTarg, nNonTarg, order.Count,
            Decision(actualReturned, actualHits, rankThreshold),
            maximum ?? Decision(0, 0, double.NaN),
            nTarg > 0 ? 100.0 * precisionSum / nTarg : 0,
            minNdc, pr, det);
    }
}
