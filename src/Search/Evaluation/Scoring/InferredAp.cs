namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>A topic's inferred AP: the estimate, the estimated number of relevant items and how many the run returned.</summary>
public sealed record InfApTopic(string Topic, double InfAp, double EstimatedRelevant, int Retrieved);

/// <summary>Inferred AP per topic (every topic of the qrels) and its mean.</summary>
public sealed record InfApReport(IReadOnlyList<InfApTopic> Topics, IReadOnlyList<string> Warnings)
{
    public double MeanInfAp => Topics.Count == 0 ? double.NaN : Topics.Average(t => t.InfAp);
}

/// <summary>
/// Inferred average precision for stratified sampled judgments (xinfAP, Yilmaz, Kanoulas and Aslam, SIGIR 2008), as TRECVID's
/// sample_eval computes it. In each stratum s the sampling rate is p_s = judged/pooled; R̂ = Σ over judged relevant items of 1/p_s.
/// For a judged relevant item at position k the expected precision is 1/k + (1/k) Σ_s |pooled of s above k| ×
/// (rel_s + ε)/(rel_s + nonrel_s + 2ε), counting judged items above k (ε = 0.00001); xinfAP = Σ (that precision / p_s) / R̂.
/// Items outside the pool count as non-relevant. With one stratum judged completely it is AP (up to ε).
/// The run's order is by score, descending, ties by docid descending (trec_eval's rule; the rank column is not used).
/// </summary>
public static class InferredAp
{
    private const double Epsilon = 0.00001;

    public static InfApReport Score(IReadOnlyList<QrelRow> qrels, IReadOnlyList<RunRow> run)
    {
        var warnings = new List<string>();
        var runs = run.GroupBy(r => r.Topic, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var topic in runs.Keys.Where(t => !qrels.Any(q => q.Topic == t)).Order(StringComparer.Ordinal))
        {
            warnings.Add($"topic {topic} of the run has no qrels and was not scored");
        }

        var topics = new List<InfApTopic>();
        foreach (var group in qrels.GroupBy(q => q.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ranked = runs.TryGetValue(group.Key, out var rows) ? rows : [];
            if (ranked.Count == 0)
            {
                warnings.Add($"topic {group.Key}: the run returns nothing (infAP 0)");
            }

            topics.Add(ScoreTopic(group.Key, [.. group], ranked));
        }

        return new InfApReport(topics, warnings);
    }

    /// <summary>One topic's xinfAP from its qrels and its run rows.</summary>
    public static InfApTopic ScoreTopic(string topic, IReadOnlyList<QrelRow> qrels, IReadOnlyList<RunRow> run)
    {
        var judgments = new Dictionary<string, QrelRow>(StringComparer.Ordinal);
        foreach (var q in qrels)
        {
            judgments.TryAdd(q.DocId, q);
        }

        var rate = judgments.Values.GroupBy(q => q.Stratum, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (double)g.Count(q => q.Relevance >= 0) / g.Count(), StringComparer.Ordinal);
        var estimatedRelevant = judgments.Values.Where(q => q.Relevance > 0).Sum(q => 1 / rate[q.Stratum]);
        var order = run.OrderByDescending(r => r.Score).ThenByDescending(r => r.DocId, StringComparer.Ordinal)
            .Select(r => r.DocId).Distinct(StringComparer.Ordinal).ToList();
        var above = rate.Keys.ToDictionary(s => s, _ => (Pooled: 0, Relevant: 0, NonRelevant: 0), StringComparer.Ordinal);
        var sum = 0.0;
        for (var k = 1; k <= order.Count; k++)
        {
            if (!judgments.TryGetValue(order[k - 1], out var judged))
            {
                continue;
            }

            if (judged.Relevance > 0)
            {
                var expected = 1.0;
                foreach (var (pooled, relevant, nonRelevant) in above.Values)
                {
                    expected += pooled * (relevant + Epsilon) / (relevant + nonRelevant + (2 * Epsilon));
                }

                sum += expected / k / rate[judged.Stratum];
            }

            var counts = above[judged.Stratum];
            above[judged.Stratum] = (counts.Pooled + 1, counts.Relevant + (judged.Relevance > 0 ? 1 : 0), counts.NonRelevant + (judged.Relevance == 0 ? 1 : 0));
        }

        return new InfApTopic(topic, estimatedRelevant > 0 ? sum / estimatedRelevant : 0, estimatedRelevant, order.Count);
    }
}
