using System.Diagnostics;
using Cbvr.Detectors.Storage;
using Cbvr.Search.Concepts;
using Cbvr.Search.Evidence;
using Cbvr.Search.Library;
using Cbvr.Search.Ranking;
using Cbvr.Search.Text;
using Microsoft.Extensions.Options;

namespace Cbvr.Search.Queries;

/// <summary>
/// Answers searches: a text query through semantic query generation (concept index) and BM25 (transcripts, on-screen text);
/// examples through one event model per modality; late fusion of the normalised modality scores; optional self-paced reranking
/// and relevance feedback; evidence for every hit; optional grouping of the hits.
/// </summary>
public sealed class SearchService(
    SearchLibrary library,
    QueryGenerators generators,
    ExampleArea examples,
    EvidenceBuilder evidence,
    DetectionStore detections,
    FusionWeights fusionWeights,
    HitGrouper grouper,
    IOptions<SearchOptions> options)
{
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        using var run = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        var (view, items, modalities, timings) = (run.View, run.Items, run.Modalities, run.Timings);
        if (modalities.Count == 0)
        {
            timings["total"] = clock.ElapsedMilliseconds;
            return new SearchResponse(run.Kind, run.Query, [], [], request.Group ? [] : null, null, items.Count, run.Notes, timings);
        }

        var normalization = Enum.Parse<ScoreNormalization>(settings.Normalization, ignoreCase: true);
        var limit = Math.Min(request.Limit ?? settings.DefaultLimit, run.Order.Length);
        var normalised = request.Explain ? modalities.ToDictionary(m => m.Modality, m => ScoreNormalizer.Normalize(m.Scores, normalization, m.Present)) : null;
        var hits = new List<SearchHit>(limit);
        for (var rank = 0; rank < limit; rank++)
        {
            var i = run.Order[rank];
            var entry = view.Find(items.Ordinals[i])!;
            var perModality = normalised?.ToDictionary(
                n => n.Key,
                n => new ModalityScore(modalities.First(m => m.Modality == n.Key).Scores[i], n.Value[i], run.Weights.GetValueOrDefault(n.Key, 1)));
            var why = evidence.Build(view, entry, run.Query, run.Examples, run.Snippets.GetValueOrDefault(entry.Ordinal) ?? [], perModality);
            hits.Add(new SearchHit(rank + 1, entry.Id, entry.FileName, entry.DurationSeconds, run.Scores[i], why));
        }

        timings["evidence"] = clock.ElapsedMilliseconds - timings.Values.Sum();
        var groups = request.Group ? grouper.Group(view, hits) : null;
        if (groups is not null)
        {
            timings["group"] = clock.ElapsedMilliseconds - timings.Values.Sum();
        }

        timings["total"] = clock.ElapsedMilliseconds;
        return new SearchResponse(run.Kind, run.Query, [.. modalities.Select(m => m.Modality)], hits, groups, run.Rounds, items.Count, run.Notes, timings);
    }

    /// <summary>
    /// Scores every video the request may return, per modality and fused (and reranked), without evidence: what searches and
    /// evaluations share. Dispose the run promptly: it holds the library's read view.
    /// </summary>
    public async Task<QueryRun> RunAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var text = Validate(request, settings);
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, long>();
        var uploaded = new List<ExampleVideo>();
        foreach (var file in request.ExampleFiles)
        {
            var (video, _) = await examples.AnalyseAsync(file, cancellationToken).ConfigureAwait(false);
            uploaded.Add(ExampleVideo.FromUpload(video, library));
        }

        if (uploaded.Count > 0)
        {
            timings["examples"] = clock.ElapsedMilliseconds;
        }

        var generated = text is null ? null : generators.Generate(text, request.Title, settings);
        timings["query"] = clock.ElapsedMilliseconds - timings.Values.Sum();
        var view = library.Read();
        try
        {
            var exampleVideos = new List<ExampleVideo>(uploaded);
            foreach (var id in request.ExampleIds)
            {
                var entry = view.Find(id) ?? throw new SearchException(SearchError.NotFound, $"example video '{id}' is not in the library");
                exampleVideos.Add(ExampleVideo.FromLibrary(view, entry, detections));
            }

            var items = new QueryItems(view, request.Filters, request.Exclude.Concat(request.ExampleIds), request.Within);
            var snippets = new Dictionary<int, IReadOnlyList<TextSnippet>>();
            var modalities = Score(view, items, text, generated, exampleVideos, snippets, request, settings);
            var notes = new List<string>();
            if (generated is { Concepts.Count: 0 })
            {
                notes.Add("no concept in the bank matches the query text; ranked by the other modalities");
            }

            timings["score"] = clock.ElapsedMilliseconds - timings.Values.Sum();
            var kind = (text, exampleVideos.Count) switch { (not null, > 0) => "text+example", (not null, _) => "text", _ => "example" };
            var weights = new Dictionary<string, double>(fusionWeights.For(exampleVideos.Count > 0 ? FusionWeights.ExampleQueries : FusionWeights.TextQueries));
            if (generated is { Concepts.Count: > 0 } && exampleVideos.Count == 0)
            {
                // The concept modality counts as much as the text maps onto the bank: fully for an exact concept name,
                // little when only a loose embedding neighbour was found.
                weights[ModalityScorer.ConceptModality] = weights.GetValueOrDefault(ModalityScorer.ConceptModality, 1) * generated.Confidence;
            }

            if (modalities.Count == 0)
            {
                notes.Add("nothing in the library matches: no modality has evidence for this query");
                return new QueryRun(view, kind, generated, exampleVideos, items, modalities, weights, new float[items.Count], [], null, snippets, notes, timings);
            }

            var fused = LateFusion.Fuse(modalities, weights, Enum.Parse<ScoreNormalization>(settings.Normalization, ignoreCase: true));
            var (order, scores, rounds) = Rerank.Apply(view, items, fused, modalities, request, settings);
            if (!request.IncludeUnmatched)
            {
                order = [.. order.Where(i => modalities.Any(m => m.Present is null ? m.Scores[i] > 0 : m.Present[i]))];
            }

            timings["fuse"] = clock.ElapsedMilliseconds - timings.Values.Sum();
            return new QueryRun(view, kind, generated, exampleVideos, items, modalities, weights, scores, order, rounds, snippets, notes, timings);
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }

    private static List<ModalityScores> Score(
        LibraryView view, QueryItems items, string? text, GeneratedQuery? generated, List<ExampleVideo> examples,
        Dictionary<int, IReadOnlyList<TextSnippet>> snippets, SearchRequest request, SearchOptions settings)
    {
        bool Wanted(string modality) => request.Modalities.Count == 0 || request.Modalities.Contains(modality, StringComparer.OrdinalIgnoreCase);
        var list = new List<ModalityScores?>();
        if (generated is not null && Wanted(ModalityScorer.ConceptModality))
        {
            list.Add(ModalityScorer.Concepts(view, items, generated));
        }

        var exampleText = string.Join(' ', examples.Select(e => e.Text)).Trim();
        var queryText = string.Join(' ', new[] { text, exampleText.Length > 2000 ? exampleText[..2000] : exampleText }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (queryText.Length > 0 && Wanted(ModalityScorer.TextModality))
        {
            list.Add(ModalityScorer.Text(view, items, queryText, snippets));
        }

        if (examples.Count > 0)
        {
            var seed = StableSeed(examples);
            foreach (var space in view.VectorSpaces.Where(Wanted).Order(StringComparer.Ordinal))
            {
                list.Add(ModalityScorer.Space(view, items, space, examples, settings.BackgroundSample, seed));
            }

            if (generated is null && Wanted(ModalityScorer.ConceptModality))
            {
                list.Add(ModalityScorer.ConceptVectors(view, items, examples, settings.BackgroundSample, seed));
            }
        }

        return [.. list.OfType<ModalityScores>()];
    }

    private static int StableSeed(IEnumerable<ExampleVideo> examples) =>
        examples.Aggregate(17, (h, e) => unchecked((h * 31) + e.Id.Aggregate(0, (a, c) => unchecked((a * 31) + c))));

    /// <summary>The query text (null when none); throws <see cref="SearchException"/> for an unanswerable request.</summary>
    private static string? Validate(SearchRequest request, SearchOptions settings)
    {
        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        if (text is null && request.ExampleIds.Count == 0 && request.ExampleFiles.Count == 0)
        {
            throw new SearchException(SearchError.BadRequest, "empty query: give a text, or at least one example video or clip");
        }

        if (text is { Length: var length } && length > settings.MaxQueryLength)
        {
            throw new SearchException(SearchError.BadRequest, $"query text is {length} characters; at most {settings.MaxQueryLength} are accepted (Search:MaxQueryLength)");
        }

        if (request.Limit is < 1 or > 10_000)
        {
            throw new SearchException(SearchError.BadRequest, $"limit {request.Limit} is out of range (1 to 10000)");
        }

        return text;
    }
}
