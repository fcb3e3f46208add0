using System.Diagnostics;
using Cbvr.Detectors.Storage;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Library;
using Cbvr.Search.Queries;
using Cbvr.Search.Ranking;
using Cbvr.Search.Text;
using Microsoft.Extensions.Options;

namespace Cbvr.Search.Shots;

/// <summary>
/// Shot-level ad-hoc search (TRECVID AVS style): a text query is mapped to weighted concepts once (the semantic query
/// generation of video search); every shot of the candidate videos (those with a query concept in the concept index or a
/// matching ASR/OCR segment) gets a concept score, Σ_c w_c s_c over the shot's detector scores, and a text score, the sum
/// of the BM25 scores of its distinct matching segments; the two are fused as in video search (per-modality normalisation,
/// weighted mean with the text-query fusion weights, the concept weight scaled by the mapping's confidence). Shots with no
/// evidence are never returned; ties go to the smaller video id, then the earlier shot.
/// </summary>
public sealed class ShotSearch(
    SearchLibrary library,
    QueryGenerators generators,
    VideoCatalog catalog,
    DetectionStore detections,
    FusionWeights fusionWeights,
    IOptions<SearchOptions> options)
{
    /// <summary>Most shots one query may return.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Matching segments read per shot asked for (a shot may have several).</summary>
    private const int SegmentsPerShot = 10;

    private const int MaxConceptsPerHit = 5;

    /// <summary>The best <paramref name="limit"/> shots of the library for <paramref name="text"/>.</summary>
    /// <exception cref="SearchException">Empty or too long text, or a limit outside 1..<see cref="MaxLimit"/>.</exception>
    public ShotSearchResult Search(string text, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SearchException(SearchError.BadRequest, "empty query: give a text");
        }

        if (text.Length > settings.MaxQueryLength)
        {
            throw new SearchException(SearchError.BadRequest, $"query text is {text.Length} characters; at most {settings.MaxQueryLength} are accepted (Search:MaxQueryLength)");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new SearchException(SearchError.BadRequest, $"limit {limit} is out of range (1 to {MaxLimit})");
        }

        var clock = Stopwatch.StartNew();
        var query = generators.Generate(text.Trim(), null, settings);
        var weights = query.Concepts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Weight), StringComparer.Ordinal);
        using var view = library.Read();
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        if (query.Concepts.Count > 0)
        {
            var found = view.Concepts.Search([.. query.Concepts.Select(c => c.Ordinal)], [.. query.Concepts.Select(c => c.Weight)], Math.Max(1, view.Count), o => view.Find(o) is not null);
            candidates.UnionWith(found.Select(f => view.Find(f.Video)!.Id));
        }

        var segments = view.Text.SearchSegments(text, limit * SegmentsPerShot)
            .Where(s => s.Snippet.Shot is not null && view.Find(s.VideoId) is not null)
            .GroupBy(s => (s.VideoId, Shot: s.Snippet.Shot!.Value))
            .ToDictionary(g => g.Key, g => g.Select(s => s.Snippet).ToList());
        candidates.UnionWith(segments.Keys.Select(k => k.VideoId));

        var shots = new List<Candidate>();
        foreach (var id in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = view.Find(id)!;
            var shotConcepts = weights.Count > 0 ? detections.ShotConcepts(id) : null;
            foreach (var shot in catalog.Shots(id))
            {
                var concepts = shotConcepts is null ? [] : shotConcepts[shot.Index]
                    .Where(c => weights.ContainsKey(c.Concept) && c.Score > 0)
                    .Select(c => new ShotConcept(c.Concept, VideoLoader.ConceptName(c.Concept), c.Score, weights[c.Concept]))
                    .OrderByDescending(c => c.Score * c.Weight).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
                var texts = segments.GetValueOrDefault((id, shot.Index)) ?? [];
                shots.Add(new Candidate(entry, shot, concepts.Sum(c => c.Score * c.Weight), texts.DistinctBy(t => (t.Field, t.Text)).Sum(t => t.Score), concepts, texts));
            }
        }

        var hits = Rank(shots, query.Confidence, limit, settings);
        return new ShotSearchResult(query, hits, candidates.Count, shots.Count, clock.ElapsedMilliseconds);
    }

    private List<ShotHit> Rank(List<Candidate> shots, float conceptConfidence, int limit, SearchOptions settings)
    {
        var fusion = fusionWeights.For(FusionWeights.TextQueries);
        var weights = new Dictionary<string, double>(fusion);
        weights[ModalityScorer.ConceptModality] = weights.GetValueOrDefault(ModalityScorer.ConceptModality, 1) * conceptConfidence;
        var modalities = new List<ModalityScores>();
        var concept = shots.Select(s => s.Concept).ToArray();
        var text = shots.Select(s => s.Text).ToArray();
        foreach (var (name, scores) in new[] { (ModalityScorer.ConceptModality, concept), (ModalityScorer.TextModality, text) })
        {
            if (scores.Any(s => s > 0) && weights.GetValueOrDefault(name, 1) > 0)
            {
                modalities.Add(new ModalityScores(name, scores));
            }
        }

        if (modalities.Count == 0)
        {
            return [];
        }

        var fused = LateFusion.Fuse(modalities, weights, Enum.Parse<ScoreNormalization>(settings.Normalization, ignoreCase: true));
        return [.. Enumerable.Range(0, shots.Count)
            .Where(i => concept[i] > 0 || text[i] > 0)
            .OrderByDescending(i => fused[i])
            .ThenBy(i => shots[i].Video.Id, StringComparer.Ordinal)
            .ThenBy(i => shots[i].Shot.Index)
            .Take(limit)
            .Select((i, rank) => new ShotHit(
                rank + 1, shots[i].Video.Id, shots[i].Video.FileName, shots[i].Shot.Index, shots[i].Shot.StartSeconds, shots[i].Shot.EndSeconds,
                fused[i], [.. shots[i].Concepts.Take(MaxConceptsPerHit)], [.. shots[i].Texts.OrderByDescending(t => t.Score)]))];
    }

    private sealed record Candidate(VideoEntry Video, ShotRecord Shot, float Concept, float Text, List<ShotConcept> Concepts, List<TextSnippet> Texts);
}
