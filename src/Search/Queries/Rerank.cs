using Cbvr.Search.Library;
using Cbvr.Search.Ranking;

namespace Cbvr.Search.Queries;

/// <summary>
/// Self-paced reranking of the top of the fused list (ALGORITHMS.md 4), or relevance feedback when the user marked hits: models
/// per vector space and on the concept vectors, trained on pseudo-labels (or the user's labels), rescore the top
/// <see cref="SearchOptions.RerankDepth"/>; the rest keeps its order below them.
/// </summary>
internal static class Rerank
{
    public static (int[] Order, float[] Scores, IReadOnlyList<RerankStep>? Rounds) Apply(
        LibraryView view, QueryItems items, float[] fused, IReadOnlyList<ModalityScores> modalities, SearchRequest request, SearchOptions settings)
    {
        var order = RankedList.Order(fused);
        var feedback = request.Relevant.Count > 0 || request.Irrelevant.Count > 0;
        if (!(request.Rerank ?? settings.RerankByDefault) && !feedback || items.Count < 3 || modalities.Count == 0)
        {
            return (order, fused, null);
        }

        var top = order.Take(settings.RerankDepth).ToList();
        var relevant = Marked(view, items, request.Relevant, top);
        var irrelevant = Marked(view, items, request.Irrelevant, top);
        var features = Features(view, items, top);
        var weights = Enumerable.Repeat(1.0, features.Count).ToList();
        var initial = top.Select(i => fused[i]).ToArray();
        var spar = ForSize(top.Count);
        var result = feedback
            ? SelfPacedReranker.Feedback(initial, features, weights, relevant, irrelevant, spar)
            : SelfPacedReranker.Rerank(initial, features, weights, spar, Enum.Parse<ScoreNormalization>(settings.Normalization, ignoreCase: true));
        var reordered = RankedList.Order(result.Scores);
        var scores = (float[])fused.Clone();
        var finalOrder = new List<int>(order.Length);
        foreach (var position in reordered)
        {
            finalOrder.Add(top[position]);
            scores[top[position]] = result.Scores[position];
        }

        // Below the reranked top: the initial order, scores shifted under the lowest reranked one.
        var inTop = top.ToHashSet();
        var rest = order.Where(i => !inTop.Contains(i)).ToList();
        if (rest.Count > 0)
        {
            var shift = result.Scores.Min() - fused[rest[0]] - 1e-3f;
            foreach (var i in rest)
            {
                scores[i] = fused[i] + shift;
                finalOrder.Add(i);
            }
        }

        return ([.. finalOrder], scores, [.. result.Rounds.Select(r => new RerankStep(r.Round, r.Positives, r.Negatives, r.TopChanged))]);
    }

    /// <summary>
    /// ALGORITHMS.md 4's counts (10 pseudo-positives, negatives below rank 100) for a large list; a small library scales them
    /// down so that both classes exist: k0 = n/10 (1..10), negatives below rank max(2, min(10, n / 2k0)) x k0.
    /// </summary>
    internal static SelfPacedRerankOptions ForSize(int n)
    {
        var k0 = Math.Clamp(n / 10, 1, 10);
        return new SelfPacedRerankOptions { InitialPositives = k0, PositiveGrowth = Math.Max(1, k0 / 2), NegativeRankFactor = Math.Max(2, Math.Min(10, n / (2 * k0))) };
    }

    /// <summary>Positions in <paramref name="top"/> of the marked videos; marked videos below the top are appended to it.</summary>
    private static List<int> Marked(LibraryView view, QueryItems items, IReadOnlyList<string> ids, List<int> top)
    {
        var positions = new List<int>();
        foreach (var id in ids)
        {
            var entry = view.Find(id) ?? throw new SearchException(SearchError.NotFound, $"feedback video '{id}' is not in the library");
            var item = items.IndexOf(entry.Ordinal);
            if (item < 0)
            {
                continue;
            }

            var position = top.IndexOf(item);
            if (position < 0)
            {
                top.Add(item);
                position = top.Count - 1;
            }

            positions.Add(position);
        }

        return positions;
    }

    /// <summary>Per modality (each vector space, the concept vectors), the rows of the top items (null where missing).</summary>
    private static List<IReadOnlyList<float[]?>> Features(LibraryView view, QueryItems items, List<int> top)
    {
        var features = new List<IReadOnlyList<float[]?>>();
        foreach (var space in view.VectorSpaces.Order(StringComparer.Ordinal))
        {
            var index = view.Vectors(space)!;
            features.Add([.. top.Select(i =>
            {
                var row = new float[index.Dimensions];
                return index.TryGet(items.Ordinals[i], row) ? row : null;
            })]);
        }

        var dimensions = view.Ordinals.ConceptCount + 1;
        features.Add([.. top.Select(i =>
        {
            var (concepts, values) = view.Concepts.ConceptsOf(items.Ordinals[i]);
            return concepts.Length == 0 ? null : ModalityScorer.Dense(concepts, values, dimensions);
        })]);
        return features;
    }
}
