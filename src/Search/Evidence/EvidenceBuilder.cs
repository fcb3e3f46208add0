using Cbvr.Detectors.Storage;
using Cbvr.Features.Store;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Concepts;
using Cbvr.Search.Library;
using Cbvr.Search.Queries;
using Cbvr.Search.Text;

namespace Cbvr.Search.Evidence;

/// <summary>
/// Why a hit matched (Multimedia Event Recounting): the concepts that contributed most, with the shot where each is strongest;
/// the text snippets with times; the best-matching shot (by the query's concepts and text, or by likeness to the examples).
/// </summary>
public sealed class EvidenceBuilder(VideoCatalog catalog, DetectionStore detections, FeatureStore features)
{
    private const int MaxConcepts = 5;

    internal HitEvidence Build(
        LibraryView view,
        VideoEntry video,
        GeneratedQuery? query,
        IReadOnlyList<ExampleVideo> examples,
        IReadOnlyList<TextSnippet> snippets,
        IReadOnlyDictionary<string, ModalityScore>? modalities)
    {
        var (conceptIds, values) = view.Concepts.ConceptsOf(video.Ordinal);
        var names = view.Ordinals.ConceptIds;
        var weights = new Dictionary<int, float>();
        foreach (var c in query?.Concepts ?? [])
        {
            weights[c.Ordinal] = weights.GetValueOrDefault(c.Ordinal) + c.Weight;
        }

        foreach (var example in examples)
        {
            for (var j = 0; j < example.Concepts.Length; j++)
            {
                weights[example.Concepts[j]] = weights.GetValueOrDefault(example.Concepts[j]) + (example.ConceptValues[j] / examples.Count);
            }
        }

        var shots = catalog.Shots(video.Id);
        var shotConcepts = detections.ShotConcepts(video.Id);
        var concepts = new List<ConceptEvidence>();
        for (var j = 0; j < conceptIds.Length; j++)
        {
            if (!weights.TryGetValue(conceptIds[j], out var weight) || names[conceptIds[j]] is not { } id)
            {
                continue;
            }

            var best = shots.Select(s => (Shot: s.Index, Score: shotConcepts[s.Index].FirstOrDefault(c => c.Concept == id)?.Score ?? 0)).MaxBy(s => s.Score);
            var shot = best.Score > 0 ? shots.First(s => s.Index == best.Shot) : null;
            concepts.Add(new ConceptEvidence(id, VideoLoader.ConceptName(id), values[j], weight, weight * values[j], shot?.Index, shot?.StartSeconds));
        }

        concepts = [.. concepts.OrderByDescending(c => c.Contribution).ThenBy(c => c.Id, StringComparer.Ordinal).Take(MaxConcepts)];
        var bestShot = examples.Count > 0 && query is null
            ? LikeExamples(video, shots, examples) ?? ByQuery(shots, shotConcepts, concepts, snippets)
            : ByQuery(shots, shotConcepts, concepts, snippets);
        return new HitEvidence(concepts, snippets, bestShot, modalities);
    }

    /// <summary>The shot with the most query concept weight plus matched text.</summary>
    private static BestShot? ByQuery(IReadOnlyList<ShotRecord> shots, ILookup<int, Detectors.ConceptScore> shotConcepts, List<ConceptEvidence> concepts, IReadOnlyList<TextSnippet> snippets)
    {
        if (shots.Count == 0)
        {
            return null;
        }

        var weights = concepts.ToDictionary(c => c.Id, c => c.Weight, StringComparer.Ordinal);
        var textShots = snippets.Where(s => s.Shot is not null).GroupBy(s => s.Shot!.Value).ToDictionary(g => g.Key, g => g.Max(s => s.Score));
        var topText = textShots.Count == 0 ? 1f : Math.Max(1e-6f, textShots.Values.Max());
        var scored = shots.Select(s =>
        {
            var conceptScore = shotConcepts[s.Index].Where(c => weights.ContainsKey(c.Concept)).Sum(c => weights[c.Concept] * c.Score);
            var textScore = textShots.GetValueOrDefault(s.Index) / topText;
            return (Shot: s, Score: conceptScore + textScore, Concept: conceptScore, Text: textScore);
        }).MaxBy(s => s.Score);
        var reason = scored.Score <= 0 ? "first shot (no shot-level match)"
            : scored.Text >= scored.Concept ? "matched text: " + snippets.First(s => s.Shot == scored.Shot.Index).Text
            : "query concepts: " + string.Join(", ", shotConcepts[scored.Shot.Index].Where(c => weights.ContainsKey(c.Concept)).OrderByDescending(c => weights[c.Concept] * c.Score).Take(3).Select(c => $"{VideoLoader.ConceptName(c.Concept)} {c.Score:0.00}"));
        var shot = scored.Score <= 0 ? shots[0] : scored.Shot;
        return new BestShot(shot.Index, shot.StartSeconds, shot.EndSeconds, shot.KeyframeFile, reason);
    }

    /// <summary>The shot whose ResNet-18 embedding is closest to an example's (video-level mean part).</summary>
    private BestShot? LikeExamples(VideoEntry video, IReadOnlyList<ShotRecord> shots, IReadOnlyList<ExampleVideo> examples)
    {
        using var block = features.Open(video.Id, "resnet18", Granularity.Shot);
        var targets = examples.Select(e => e.Vectors.GetValueOrDefault("resnet18")).OfType<float[]>().ToList();
        if (block is null || targets.Count == 0 || shots.Count == 0 || block.Rows != shots.Count)
        {
            return null;
        }

        var d = block.Columns;
        var row = new float[d];
        var best = (Shot: -1, Score: float.MinValue);
        for (var r = 0; r < block.Rows; r++)
        {
            block.CopyRow(r, row);
            VectorSpace.Normalise(row);
            foreach (var target in targets.Where(t => t.Length >= d))
            {
                // The example's video vector is [mean | max], each half normalised: compare the shot with the mean half.
                var mean = target.AsSpan(0, d).ToArray();
                VectorSpace.Normalise(mean);
                var score = System.Numerics.Tensors.TensorPrimitives.Dot(row, mean);
                if (score > best.Score)
                {
                    best = (r, score);
                }
            }
        }

        if (best.Shot < 0)
        {
            return null;
        }

        var shot = shots[best.Shot];
        return new BestShot(shot.Index, shot.StartSeconds, shot.EndSeconds, shot.KeyframeFile, $"looks most like the example (cosine {best.Score:0.00})");
    }
}
