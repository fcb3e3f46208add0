namespace Cbvr.Search.Grouping;

/// <summary>
/// group=true: clusters the top hits for browsing with <see cref="SpectralClustering"/> on their fused feature
/// vectors and names each group by its dominant concepts (<see cref="GroupLabeller"/>).
/// </summary>
public static class ResultGrouper
{
    /// <summary>Up to this many hits form one group: too few to split.</summary>
    public const int SingleGroupLimit = 3;

    /// <summary>
    /// Groups the hits, given in rank order with their feature vectors, concept scores (concept id -> score) and
    /// retrieval scores. Groups come in order of their best-ranked member; members keep rank order.
    /// </summary>
    public static IReadOnlyList<ResultGroup> Group(
        IReadOnlyList<float[]> features,
        IReadOnlyList<IReadOnlyDictionary<string, float>> concepts,
        IReadOnlyList<float> scores,
        SpectralOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        var n = features.Count;
        if (concepts.Count != n || scores.Count != n)
        {
            throw new ArgumentException($"{n} feature vectors, {concepts.Count} concept maps and {scores.Count} scores: one of each per hit");
        }

        if (n == 0)
        {
            return [];
        }

        // Labels are numbered by first appearance, so label order is the order of each group's best-ranked member.
        var labels = n <= SingleGroupLimit ? new int[n] : SpectralClustering.Cluster(features, options).Labels;
        var everyone = Enumerable.Range(0, n).ToArray();
        var overall = GroupLabeller.Means(concepts, everyone);
        var onlyGroup = labels.All(label => label == 0);
        return everyone
            .GroupBy(i => labels[i])
            .Select(group =>
            {
                var members = group.ToArray();
                var names = GroupLabeller.Concepts(concepts, members, overall, onlyGroup);
                return new ResultGroup(group.Key, GroupLabeller.Label(names), names, members.Select(i => new GroupMember(i, scores[i])).ToArray());
            })
            .OrderBy(group => group.Id)
            .ToArray();
    }
}
