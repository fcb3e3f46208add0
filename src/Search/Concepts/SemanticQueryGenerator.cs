using System.Numerics.Tensors;
using Cbvr.Features.Text;

namespace Cbvr.Search.Concepts;

/// <summary>
/// Semantic query generation (ALGORITHMS.md 5, the exact and embedding mappings): reads a text as candidate terms, scores each
/// concept c by w_c = sum_t q_t s(t,c) over the terms t with s(t,c) >= the minimum similarity, where q_t is 2 for terms of the
/// title (the event name) and 1 otherwise, and s(t,c) is 1 when t (or its singular/plural) is c's name or a synonym, else the
/// MiniLM cosine between t and the concept's text (the best of its name alone and "name: synonyms"). Keeps the best concepts
/// and normalises their weights to sum to 1. The concept vectors are computed once, in batches, and kept in a cache file.
/// </summary>
public sealed class SemanticQueryGenerator
{
    /// <summary>Concepts below this share of the best concept's weight are dropped.</summary>
    public const float RelativeCutoff = 0.15f;

    private readonly TextEmbedder _embedder;
    private readonly IReadOnlyList<ConceptText> _bank;
    private readonly Dictionary<string, List<(int Index, bool Synonym)>> _names = new(StringComparer.Ordinal);
    private readonly float[] _nameVectors;
    private readonly float[] _textVectors;
    private readonly int _dimensions;

    public SemanticQueryGenerator(TextEmbedder embedder, IReadOnlyList<ConceptText> bank, string? embeddingCacheFile)
    {
        _embedder = embedder;
        _bank = bank;
        _dimensions = embedder.Dimensions;
        for (var i = 0; i < bank.Count; i++)
        {
            AddName(bank[i].Name, i, synonym: false);
            foreach (var synonym in bank[i].Synonyms)
            {
                AddName(synonym, i, synonym: true);
            }
        }

        var texts = bank.Select(c => c.Name).Concat(bank.Select(ConceptTextOf)).ToList();
        var vectors = TextEmbeddingCache.Embed(embedder, texts, embeddingCacheFile);
        _nameVectors = [.. vectors.Take(bank.Count).SelectMany(v => v)];
        _textVectors = [.. vectors.Skip(bank.Count).SelectMany(v => v)];
    }

    /// <summary>The concepts for <paramref name="text"/> (and <paramref name="title"/>, whose terms count double), best first.</summary>
    public GeneratedQuery Generate(string text, string? title = null, int maxConcepts = 10, float minSimilarity = 0.45f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcepts);
        var titleRuns = QueryTerms.Runs(title ?? "");
        var titleWords = titleRuns.SelectMany(r => r).ToHashSet(StringComparer.Ordinal);
        var terms = QueryTerms.Candidates([.. titleRuns, .. QueryTerms.Runs(text)]);
        if (terms.Count == 0 || _bank.Count == 0)
        {
            return new GeneratedQuery([], terms);
        }

        var vectors = _embedder.Embed(terms);
        var weights = new float[_bank.Count];
        var best = new (float Contribution, string Match, string Term)[_bank.Count];
        var similarities = new float[_bank.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            var q = terms[t].Split(' ').All(titleWords.Contains) ? 2f : 1f;
            Similarities(vectors[t], similarities);
            var matches = new string?[_bank.Count];
            foreach (var form in QueryTerms.Forms(terms[t]))
            {
                foreach (var (index, synonym) in _names.GetValueOrDefault(form) ?? [])
                {
                    similarities[index] = 1;
                    matches[index] = matches[index] == "exact" || !synonym ? "exact" : "synonym";
                }
            }

            for (var c = 0; c < _bank.Count; c++)
            {
                if (similarities[c] >= minSimilarity && (matches[c] is not null || similarities[c] > minSimilarity))
                {
                    // An embedding match counts by how far it clears the threshold ((s - τ)/(1 - τ) in [0,1]), so a loose
                    // neighbour ("world" → web site) weighs far less than an exact or synonym match (1).
                    var contribution = q * (matches[c] is null ? (similarities[c] - minSimilarity) / (1 - minSimilarity) : 1f);
                    weights[c] += contribution;
                    var match = matches[c] ?? "embedding";
                    if (contribution > best[c].Contribution || contribution == best[c].Contribution && Rank(match) < Rank(best[c].Match))
                    {
                        best[c] = (contribution, match, terms[t]);
                    }
                }
            }
        }

        var kept = Enumerable.Range(0, _bank.Count).Where(c => weights[c] > 0)
            .OrderByDescending(c => weights[c]).ThenBy(c => _bank[c].Ordinal).Take(maxConcepts).ToList();
        if (kept.Count > 0)
        {
            var cutoff = weights[kept[0]] * RelativeCutoff;
            kept.RemoveAll(c => weights[c] < cutoff);
        }

        var total = kept.Sum(c => weights[c]);
        var concepts = kept.Select(c => new QueryConcept(_bank[c].Ordinal, _bank[c].Id, _bank[c].Name, weights[c] / total, best[c].Match, best[c].Term)).ToList();
        var confidence = kept.Count == 0 ? 0 : kept.Max(c => best[c].Contribution / (best[c].Term.Split(' ').All(titleWords.Contains) ? 2f : 1f));
        return new GeneratedQuery(concepts, terms, Math.Clamp(confidence, 0, 1));
    }

    /// <summary>The cosine of <paramref name="term"/> with every concept: the larger of its name's and its full text's.</summary>
    private void Similarities(float[] term, float[] similarities)
    {
        for (var c = 0; c < _bank.Count; c++)
        {
            similarities[c] = Math.Max(
                TensorPrimitives.Dot(term, _nameVectors.AsSpan(c * _dimensions, _dimensions)),
                TensorPrimitives.Dot(term, _textVectors.AsSpan(c * _dimensions, _dimensions)));
        }
    }

    /// <summary>Of two terms that reach a concept equally, the one matching its name is reported, then a synonym's.</summary>
    private static int Rank(string? match) => match switch { "exact" => 0, "synonym" => 1, "embedding" => 2, _ => 3 };

    private static string ConceptTextOf(ConceptText concept) =>
        concept.Synonyms.Count == 0 ? concept.Name : $"{concept.Name}: {string.Join(", ", concept.Synonyms)}";

    private void AddName(string name, int index, bool synonym)
    {
        var key = QueryTerms.Normalise(name);
        if (key.Length == 0)
        {
            return;
        }

        if (!_names.TryGetValue(key, out var list))
        {
            _names[key] = list = [];
        }

        if (!list.Contains((index, false)) && !list.Contains((index, true)))
        {
            list.Add((index, synonym));
        }
    }
}
