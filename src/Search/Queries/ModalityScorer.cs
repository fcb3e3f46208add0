using Cbvr.Search.Concepts;
using Cbvr.Search.Library;
using Cbvr.Search.Ranking;
using Cbvr.Search.Text;

namespace Cbvr.Search.Queries;

/// <summary>Scores every query item in one modality: concept index, BM25 text, or an event model over one vector space.</summary>
internal static class ModalityScorer
{
    public const string ConceptModality = "concepts";
    public const string TextModality = "text";

    /// <summary>Nearest neighbours an HNSW query returns for one example (the rest of a large library is not scored by it).</summary>
    public const int AnnCandidates = 1000;

    /// <summary>Σ_c w_c v_c over the concept index (the generated query's concepts and weights).</summary>
    public static ModalityScores? Concepts(LibraryView view, QueryItems items, GeneratedQuery query)
    {
        if (query.Concepts.Count == 0)
        {
            return null;
        }

        // No evidence is a concept score of 0, a real value: every item is scored (Present null), 0 where nothing matched.
        var scores = new float[items.Count];
        var hits = view.Concepts.Search([.. query.Concepts.Select(c => c.Ordinal)], [.. query.Concepts.Select(c => c.Weight)], items.Count, items.Contains);
        foreach (var (video, score) in hits)
        {
            scores[items.IndexOf(video)] = score;
        }

        return new ModalityScores(ConceptModality, scores);
    }

    /// <summary>BM25 over transcripts, on-screen text, file names and concept tags; the hits' snippets go to <paramref name="snippets"/>.</summary>
    public static ModalityScores? Text(LibraryView view, QueryItems items, string text, Dictionary<int, IReadOnlyList<TextSnippet>> snippets)
    {
        var hits = view.Text.Search(text, items.Count, id => view.Find(id) is { } e && items.Contains(e.Ordinal));
        if (hits.Count == 0)
        {
            return null;
        }

        // As for concepts, no match is a BM25 score of 0 (Present null).
        var scores = new float[items.Count];
        foreach (var hit in hits)
        {
            var ordinal = view.Find(hit.VideoId)!.Ordinal;
            scores[items.IndexOf(ordinal)] = hit.Score;
            snippets[ordinal] = hit.Snippets;
        }

        return new ModalityScores(TextModality, scores);
    }

    /// <summary>
    /// An event model in one vector space: with two or more examples a linear model trained against a background sample of the
    /// collection scores every video; with one, cosine similarity to it (nearest neighbours).
    /// </summary>
    public static ModalityScores? Space(LibraryView view, QueryItems items, string space, IReadOnlyList<ExampleVideo> examples, int backgroundSize, int seed)
    {
        var index = view.Vectors(space);
        var positives = examples.Select(e => e.Vectors.GetValueOrDefault(space)).OfType<float[]>().Where(v => index is not null && v.Length == index.Dimensions).ToList();
        if (index is null || positives.Count == 0)
        {
            return null;
        }

        var scores = new float[items.Count];
        var present = new bool[items.Count];
        if (positives.Count == 1 && view.Ann(space) is { } ann)
        {
            // A large library: the nearest neighbours by HNSW; videos outside them have no score in this modality.
            foreach (var (key, score) in ann.Search(positives[0], AnnCandidates).Where(h => items.Contains(h.Key)))
            {
                var i = items.IndexOf(key);
                (scores[i], present[i]) = (score, true);
            }

            return new ModalityScores(space, scores, present);
        }

        if (positives.Count == 1)
        {
            foreach (var (key, score) in index.Search(positives[0], items.Count, items.Contains))
            {
                var i = items.IndexOf(key);
                (scores[i], present[i]) = (score, true);
            }

            return new ModalityScores(space, scores, present);
        }

        var exampleOrdinals = examples.Select(e => e.Ordinal).ToHashSet();
        var negatives = new List<float[]>();
        foreach (var ordinal in Background(view, exampleOrdinals, backgroundSize, seed))
        {
            var row = new float[index.Dimensions];
            if (index.TryGet(ordinal, row))
            {
                negatives.Add(row);
            }
        }

        if (negatives.Count == 0)
        {
            return null;
        }

        var model = LinearEventModel.Train(positives, negatives);
        index.ScoreAll(model.Weights, model.Bias, (key, score) =>
        {
            var i = items.IndexOf(key);
            if (i >= 0)
            {
                (scores[i], present[i]) = (score, true);
            }
        });
        return new ModalityScores(space, scores, present);
    }

    /// <summary>The concept-vector event model (or cosine to one example) over the videos' adjusted concepts.</summary>
    public static ModalityScores? ConceptVectors(LibraryView view, QueryItems items, IReadOnlyList<ExampleVideo> examples, int backgroundSize, int seed)
    {
        var dimensions = view.Ordinals.ConceptCount + 1;
        var positives = examples.Where(e => e.Concepts.Length > 0).Select(e => Dense(e.Concepts, e.ConceptValues, dimensions)).ToList();
        if (positives.Count == 0)
        {
            return null;
        }

        float[] weights;
        float bias = 0;
        if (positives.Count == 1)
        {
            weights = positives[0];
            VectorSpace.Normalise(weights);
        }
        else
        {
            var exampleOrdinals = examples.Select(e => e.Ordinal).ToHashSet();
            var negatives = Background(view, exampleOrdinals, backgroundSize, seed).Select(o => view.Concepts.ConceptsOf(o)).Select(c => Dense(c.Concepts, c.Values, dimensions)).ToList();
            if (negatives.Count == 0)
            {
                return null;
            }

            var model = LinearEventModel.Train(positives, negatives);
            (weights, bias) = (model.Weights, model.Bias);
        }

        var scores = new float[items.Count];
        var present = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (concepts, values) = view.Concepts.ConceptsOf(items.Ordinals[i]);
            var norm = positives.Count == 1 ? Math.Max(1e-6f, MathF.Sqrt(values.Sum(v => v * v))) : 1f;
            var dot = bias;
            for (var j = 0; j < concepts.Length; j++)
            {
                dot += weights[concepts[j]] * values[j] / norm;
            }

            (scores[i], present[i]) = (dot, concepts.Length > 0);
        }

        return new ModalityScores(ConceptModality, scores, present);
    }

    /// <summary>A seeded random sample of the library (all videos, not only the filtered ones), examples left out.</summary>
    public static List<int> Background(LibraryView view, HashSet<int> exclude, int size, int seed)
    {
        var all = view.Entries.Keys.Where(o => !exclude.Contains(o)).Order().ToArray();
        new Random(seed).Shuffle(all);
        return [.. all.Take(size)];
    }

    public static float[] Dense(int[] concepts, float[] values, int dimensions)
    {
        var row = new float[dimensions];
        for (var j = 0; j < concepts.Length; j++)
        {
            if (concepts[j] < dimensions)
            {
                row[concepts[j]] = values[j];
            }
        }

        return row;
    }
}
