namespace Cbvr.Search.Grouping;

/// <summary>
/// Names a group by its dominant concepts: those whose mean score inside the group is highest relative to their mean
/// over all hits (lift), among concepts with a clear lift and a minimum mean score.
/// </summary>
internal static class GroupLabeller
{
    /// <summary>Most concepts in one label.</summary>
    public const int MaxConcepts = 3;

    /// <summary>A concept weaker than this inside the group (mean score) cannot name it: a big lift of a faint score is noise.</summary>
    public const float MinimumMeanScore = 0.1f;

    /// <summary>Among several groups, a concept must be this many times stronger inside than over all hits to name one.</summary>
    public const double MinimumLift = 1.2;

    public const string Fallback = "misc";

    /// <summary>
    /// The label concepts of the group made of <paramref name="members"/>; when the group holds every hit
    /// (<paramref name="onlyGroup"/>) all lifts are 1 and the strongest concepts name it.
    /// </summary>
    public static IReadOnlyList<string> Concepts(
        IReadOnlyList<IReadOnlyDictionary<string, float>> concepts,
        IReadOnlyList<int> members,
        IReadOnlyDictionary<string, double> overallMeans,
        bool onlyGroup)
    {
        var minimumLift = onlyGroup ? 0 : MinimumLift;
        return Means(concepts, members)
            .Select(pair => (Concept: pair.Key, Mean: pair.Value, Lift: pair.Value / overallMeans[pair.Key]))
            .Where(x => x.Mean >= MinimumMeanScore && x.Lift >= minimumLift)
            .OrderByDescending(x => x.Lift)
            .ThenByDescending(x => x.Mean)
            .ThenBy(x => x.Concept, StringComparer.Ordinal)
            .Take(MaxConcepts)
            .Select(x => x.Concept)
            .ToArray();
    }

    /// <summary>Mean score of every concept over <paramref name="members"/>; a concept missing from a hit counts as 0.</summary>
    public static Dictionary<string, double> Means(IReadOnlyList<IReadOnlyDictionary<string, float>> concepts, IReadOnlyList<int> members)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var i in members)
        {
            foreach (var (concept, score) in concepts[i])
            {
                sums[concept] = sums.GetValueOrDefault(concept) + score;
            }
        }

        return sums.ToDictionary(pair => pair.Key, pair => pair.Value / members.Count, StringComparer.Ordinal);
    }

    /// <summary>"coco:hot_dog, imagenet:tabby" -> "hot dog, tabby": the slug after the detector id, spaces for '_'.</summary>
    public static string Label(IReadOnlyList<string> concepts)
        => concepts.Count == 0
            ? Fallback
            : string.Join(", ", concepts.Select(c => c[(c.LastIndexOf(':') + 1)..].Replace('_', ' ')));
}
