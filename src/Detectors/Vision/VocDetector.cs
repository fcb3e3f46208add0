using System.Numerics.Tensors;
using Cbvr.Features;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Cbvr.Detectors.Vision;

/// <summary>
/// PASCAL VOC classes by area (DeepLabV3 from the model pack): each pixel takes its most likely class; per shot, every
/// class but the background that covers at least <see cref="MinArea"/> of the frame, scored by that fraction.
/// </summary>
public sealed class VocDetector(InferenceHost host, IOptions<ModelOptions> options, ILogger<VocDetector> logger)
    : KeyframeDetector(host, options.Value, logger, "voc")
{
    /// <summary>Smallest fraction of the frame a class must cover.</summary>
    public const float MinArea = 0.01f;

    /// <summary>Label index of the background class.</summary>
    private const int Background = 0;

    public override string Id => "voc";

    public override int Version => 1;

    /// <summary>For each frame, the fraction of its pixels given to each class (label order, background first).</summary>
    public float[][] AreaFractions(IReadOnlyList<Mat> frames) =>
        RunBatches(frames, (outputs, _, count, i) =>
        {
            var classes = (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
            var scores = outputs[0].GetTensorDataAsSpan<float>();
            var pixels = scores.Length / classes / count;
            var counts = new int[classes];
            var image = scores.Slice(i * pixels * classes, pixels * classes);
            for (var px = 0; px < pixels; px++)
            {
                counts[TensorPrimitives.IndexOfMax(image.Slice(px * classes, classes))]++;
            }

            return counts.Select(c => (float)c / pixels).ToArray();
        });

    protected override IReadOnlyList<ConceptScore>[] Score(IReadOnlyList<Mat> frames)
    {
        var labels = Concepts;
        var all = AreaFractions(frames);
        if (all.Length > 0 && all[0].Length != labels.Count + 1)
        {
            throw new InvalidOperationException($"voc: the model gives {all[0].Length} classes but the labels have {labels.Count} besides the background");
        }

        return [.. all.Select(fractions => (IReadOnlyList<ConceptScore>)[.. Enumerable.Range(0, fractions.Length)
            .Where(c => c != Background && fractions[c] >= MinArea)
            .OrderByDescending(c => fractions[c]).ThenBy(c => c)
            .Select(c => new ConceptScore(labels[c - 1].Id, fractions[c], Area: fractions[c]))])];
    }

    /// <summary>The 20 object classes; the background (label 0) is no concept.</summary>
    protected override IReadOnlyList<ConceptDefinition> LoadConcepts(ModelEntry entry)
    {
        var labels = ConceptCatalog.ReadLabels(entry.PathOf("labels"));
        return ConceptCatalog.FromLabels(Id, labels[(Background + 1)..], "PASCAL VOC object class (area of the frame)");
    }
}
