using System.Globalization;
using Cbvr.Detectors.Storage;
using Cbvr.Detectors.Training;
using Cbvr.Features.Extractors;
using Cbvr.Features.Store;
using Cbvr.Ingest.Catalog;
using Microsoft.Extensions.Logging;

namespace Cbvr.Detectors.Concepts;

/// <summary>What training did: the saved concept, and how many videos were scored with it.</summary>
public sealed record TrainReport(TrainedConcept Concept, int VideosScored);

/// <summary>
/// Trains a concept from example videos or shots: a logistic-regression model on the shots' L2-normalised ResNet-18 features,
/// fitted with self-paced learning (easy examples first, so the shots of a positive video that do not show the concept weigh
/// less), cross-validated, saved in the bank, and applied at once to every stored video.
/// </summary>
public sealed class ConceptTrainer(
    FeatureStore features,
    VideoCatalog videos,
    TrainedConceptStore store,
    ConceptBank bank,
    DetectionStore detections,
    ILogger<ConceptTrainer> logger)
{
    public const string Feature = ResNetExtractor.FeatureName;

    /// <summary>
    /// Trains <paramref name="name"/>. Examples are <c>VIDEO</c> (every shot of the video; id or unique prefix) or
    /// <c>VIDEO:SHOT</c>. Without negatives, shots of other videos are sampled (seeded).
    /// </summary>
    public TrainReport Train(string name, IReadOnlyList<string> positives, IReadOnlyList<string> negatives, string description = "", int seed = 1)
    {
        var normal = TrainedConceptStore.Normalise(name);
        if (positives.Count == 0)
        {
            throw new InvalidOperationException("give at least one positive example (--positive VIDEO or VIDEO:SHOT)");
        }

        var pos = Resolve(positives);
        var neg = negatives.Count > 0 ? Resolve(negatives) : SampleNegatives(pos, seed);
        var overlap = pos.Select(p => (p.Video, p.Shot)).Intersect(neg.Select(n => (n.Video, n.Shot))).ToList();
        if (overlap.Count > 0)
        {
            throw new InvalidOperationException($"shot {overlap[0].Video[..12]}:{overlap[0].Shot} is both a positive and a negative example");
        }

        if (pos.Count < 2 || neg.Count < 2)
        {
            throw new InvalidOperationException($"too few examples with {Feature} features: {pos.Count} positive and {neg.Count} negative shot(s); need at least 2 of each");
        }

        var rows = pos.Concat(neg).Select(e => e.Row).ToList();
        var labels = pos.Select(_ => true).Concat(neg.Select(_ => false)).ToList();
        var options = new SelfPacedOptions { Seed = seed, Folds = Math.Clamp(Math.Min(pos.Count, neg.Count), 2, 5) };
        var result = new SelfPacedTrainer(options).Train(rows, labels);
        var concept = new TrainedConcept(
            normal, description, Feature, DateTimeOffset.UtcNow, positives, negatives, pos.Count, neg.Count,
            result.Model.CrossValidatedAp, (double)pos.Count / rows.Count, result.Model);
        store.Save(concept);
        bank.Upsert(TrainedConcept.Detector, concept.Definition, BankConcept.Trained);
        var scored = ApplyToAll();
        logger.LogInformation("trained concept {Name}: {Pos} positive and {Neg} negative shots, cross-validated AP {Ap:0.000}", normal, pos.Count, neg.Count, concept.CrossValidatedAp);
        return new TrainReport(concept, scored);
    }

    /// <summary>Removes a trained concept and its scores.</summary>
    public bool Remove(string name)
    {
        var normal = TrainedConceptStore.Normalise(name);
        if (!store.Remove(normal))
        {
            return false;
        }

        bank.Remove(TrainedConcept.Detector + ":" + normal);
        ApplyToAll();
        return true;
    }

    /// <summary>Re-scores every stored video with the current set of trained concepts; returns the videos scored.</summary>
    public int ApplyToAll()
    {
        var concepts = store.List();
        var hash = store.Hash();
        var count = 0;
        foreach (var id in videos.AllIds())
        {
            var shots = videos.Shots(id).Select(s => s.Index).ToList();
            var folder = features.FolderOf(id);
            IReadOnlyList<ShotDetections> scores;
            try
            {
                scores = concepts.Count == 0 ? [] : TrainedConceptDetector.Score(concepts, folder, shots);
            }
            catch (InvalidOperationException e)
            {
                logger.LogWarning("video {Video} not scored with trained concepts: {Cause}", id, e.Message);
                continue;
            }

            detections.InTransaction((connection, tx) =>
            {
                DetectionStore.Write(connection, tx, id, TrainedConcept.Detector, scores);
                DetectionStore.WriteStep(connection, tx, id, new StepRecord(TrainedConcept.Detector, 1, hash, StepRecord.Succeeded, null, 0, DateTimeOffset.UtcNow));
            });
            count++;
        }

        return count;
    }

    private sealed record Example(string Video, int Shot, float[] Row);

    private List<Example> Resolve(IReadOnlyList<string> examples)
    {
        var result = new List<Example>();
        foreach (var example in examples)
        {
            var parts = example.Split(':', 2);
            var video = videos.FindByPrefix(parts[0]) ?? throw new InvalidOperationException($"example '{example}': no video with id '{parts[0]}' (give a video id or a unique prefix)");
            int? shot = null;
            if (parts.Length == 2)
            {
                shot = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < video.ShotCount
                    ? s
                    : throw new InvalidOperationException($"example '{example}': video {video.Id[..12]} has no shot '{parts[1]}' (it has {video.ShotCount})");
            }

            using var matrix = features.Open(video.Id, Feature, Granularity.Shot)
                ?? throw new InvalidOperationException($"example '{example}': video {video.Id[..12]} has no {Feature} features (cbvr reextract --feature {Feature})");
            foreach (var r in shot is { } one ? [one] : Enumerable.Range(0, matrix.Rows))
            {
                var row = ShotVector(matrix, r);
                if (row is not null && !result.Any(e => e.Video == video.Id && e.Shot == r))
                {
                    result.Add(new Example(video.Id, r, row));
                }
            }
        }

        return result;
    }

    private List<Example> SampleNegatives(List<Example> positives, int seed)
    {
        var positiveVideos = positives.Select(p => p.Video).ToHashSet();
        var candidates = new List<Example>();
        foreach (var id in videos.AllIds().Where(v => !positiveVideos.Contains(v)).Order(StringComparer.Ordinal))
        {
            using var matrix = features.Open(id, Feature, Granularity.Shot);
            for (var r = 0; r < (matrix?.Rows ?? 0); r++)
            {
                if (ShotVector(matrix!, r) is { } row)
                {
                    candidates.Add(new Example(id, r, row));
                }
            }
        }

        var wanted = Math.Max(20, 5 * positives.Count);
        var random = new Random(seed);
        return [.. candidates.OrderBy(_ => random.Next()).Take(wanted)];
    }

    /// <summary>The L2-normalised feature row of a shot, or null for a shot without keyframe (all zeros).</summary>
    internal static float[]? ShotVector(FeatureMatrix matrix, int row)
    {
        var v = matrix.Row(row);
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(v));
        if (norm == 0)
        {
            return null;
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        return v;
    }
}
