using Cbvr.Features.Store;

namespace Cbvr.Detectors.Concepts;

/// <summary>
/// Applies every trained concept to a video's shots (from the stored shot features), so concepts trained today also score the
/// videos ingested tomorrow. Its model hash covers the set of trained models: training or removing one makes it stale.
/// </summary>
public sealed class TrainedConceptDetector(TrainedConceptStore store) : IShotDetector
{
    public string Id => TrainedConcept.Detector;

    public int Version => 1;

    public string ModelHash => store.Hash();

    public string? DisabledReason => null;

    public IReadOnlyList<ConceptDefinition> Concepts => [.. store.List().Select(c => c.Definition)];

    public Task<IReadOnlyList<ShotDetections>> DetectAsync(DetectionInput input, CancellationToken cancellationToken)
    {
        var concepts = store.List();
        if (concepts.Count == 0 || input.FeaturesFolder is null)
        {
            return Task.FromResult<IReadOnlyList<ShotDetections>>([]);
        }

        return Task.FromResult(Score(concepts, input.FeaturesFolder, input.Shots.Select(s => s.Index).ToList()));
    }

    /// <summary>Scores of <paramref name="concepts"/> on each shot with a stored feature vector.</summary>
    public static IReadOnlyList<ShotDetections> Score(IReadOnlyList<TrainedConcept> concepts, string featuresFolder, IReadOnlyList<int> shots)
    {
        var byFeature = concepts.GroupBy(c => c.Feature);
        var scores = shots.ToDictionary(s => s, _ => new List<ConceptScore>());
        foreach (var group in byFeature)
        {
            var path = Path.Combine(featuresFolder, FeatureTag.FileNameOf(group.Key, Granularity.Shot));
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"trained concepts need the {group.Key} shot feature, which this video lacks ({path})");
            }

            using var matrix = FeatureMatrix.Open(path);
            for (var r = 0; r < Math.Min(matrix.Rows, shots.Count); r++)
            {
                if (ConceptTrainer.ShotVector(matrix, r) is not { } row)
                {
                    continue; // no keyframe
                }

                foreach (var concept in group)
                {
                    scores[shots[r]].Add(new ConceptScore(concept.Id, (float)concept.Model.Score(row)));
                }
            }
        }

        return [.. scores.Where(kv => kv.Value.Count > 0).Select(kv => new ShotDetections(kv.Key, kv.Value, []))];
    }
}
