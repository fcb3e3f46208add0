using System.Numerics.Tensors;
using Cbvr.Features;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Cbvr.Detectors.Vision;

/// <summary>
/// ImageNet-1k classes of each keyframe (MobileNetV2 from the model pack): the softmax's most probable classes, at most
/// <see cref="TopClasses"/> of them with probability at least <see cref="MinProbability"/>.
/// </summary>
public sealed class ImageNetDetector(InferenceHost host, IOptions<ModelOptions> options, ILogger<ImageNetDetector> logger)
    : KeyframeDetector(host, options.Value, logger, "imagenet")
{
    /// <summary>Classes kept per keyframe.</summary>
    public const int TopClasses = 10;

    /// <summary>Smallest probability kept.</summary>
    public const float MinProbability = 0.01f;

    public override string Id => "imagenet";

    public override int Version => 1;

    /// <summary>The softmax probabilities of the 1000 classes for each frame, in label order.</summary>
    public float[][] Probabilities(IReadOnlyList<Mat> frames) =>
        RunBatches(frames, (outputs, _, count, i) =>
        {
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            var classes = logits.Length / count;
            var probabilities = new float[classes];
            TensorPrimitives.SoftMax(logits.Slice(i * classes, classes), probabilities);
            return probabilities;
        });

    protected override IReadOnlyList<ConceptScore>[] Score(IReadOnlyList<Mat> frames)
    {
        var concepts = Concepts;
        return [.. Probabilities(frames).Select(p => (IReadOnlyList<ConceptScore>)Top(p, concepts))];
    }

    protected override IReadOnlyList<ConceptDefinition> LoadConcepts(ModelEntry entry) => LabelConcepts(entry, "ImageNet class");

    private static ConceptScore[] Top(float[] probabilities, IReadOnlyList<ConceptDefinition> concepts)
    {
        if (probabilities.Length != concepts.Count)
        {
            throw new InvalidOperationException($"imagenet: the model gives {probabilities.Length} classes but the labels have {concepts.Count}");
        }

        return [.. Enumerable.Range(0, probabilities.Length)
            .Where(i => probabilities[i] >= MinProbability)
            .OrderByDescending(i => probabilities[i]).ThenBy(i => i)
            .Take(TopClasses)
            .Select(i => new ConceptScore(concepts[i].Id, probabilities[i]))];
    }
}
