using Cbvr.Features;
using Cbvr.Features.Imaging;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Cbvr.Detectors.Vision;

/// <summary>
/// COCO-80 objects in each keyframe (YOLOX-nano from the model pack). Per shot and class: the best detection's score and the
/// number of detections, after per-class NMS and the <see cref="MinScore"/> threshold.
/// </summary>
public sealed class CocoDetector(InferenceHost host, IOptions<ModelOptions> options, ILogger<CocoDetector> logger)
    : KeyframeDetector(host, options.Value, logger, "coco")
{
    /// <summary>Smallest detection score (objectness x class probability) kept.</summary>
    public const float MinScore = 0.3f;

    /// <summary>Overlap above which the weaker of two boxes of one class is dropped.</summary>
    public const float NmsIoU = 0.45f;

    /// <summary>The strides of YOLOX's three output grids, finest first, as in the output's row order.</summary>
    private static readonly int[] Strides = [8, 16, 32];

    public override string Id => "coco";

    public override int Version => 1;

    /// <summary>The objects in each frame, boxes in that frame's pixels, best first.</summary>
    public IReadOnlyList<DetectedObject>[] DetectObjects(IReadOnlyList<Mat> frames) =>
        RunBatches<IReadOnlyList<DetectedObject>>(frames, (outputs, placement, count, i) =>
        {
            var data = outputs[0].GetTensorDataAsSpan<float>();
            var perImage = data.Length / count;
            return Decode(data.Slice(i * perImage, perImage), placement);
        });

    protected override IReadOnlyList<ConceptScore>[] Score(IReadOnlyList<Mat> frames) =>
        [.. DetectObjects(frames).Select(BoxMath.PerConcept)];

    protected override IReadOnlyList<ConceptDefinition> LoadConcepts(ModelEntry entry) => LabelConcepts(entry, "COCO object");

    /// <summary>Decodes YOLOX's grid output (rows of x, y, w, h, objectness, class scores) into boxes, then NMS.</summary>
    private List<DetectedObject> Decode(ReadOnlySpan<float> rows, Placement placement)
    {
        var concepts = Concepts;
        var p = Preprocessing;
        var width = concepts.Count + 5;
        var expected = Strides.Sum(s => p.Width / s * (p.Height / s)) * width;
        if (rows.Length != expected)
        {
            throw new InvalidOperationException($"coco: the model gives {rows.Length} values per image, its grids and labels need {expected}");
        }

        var candidates = new List<DetectedObject>();
        var row = 0;
        foreach (var stride in Strides)
        {
            var (gridW, gridH) = (p.Width / stride, p.Height / stride);
            for (var gy = 0; gy < gridH; gy++)
            {
                for (var gx = 0; gx < gridW; gx++, row++)
                {
                    var r = rows.Slice(row * width, width);
                    var objectness = r[4];
                    if (objectness < MinScore)
                    {
                        continue;
                    }

                    var (cx, cy) = ((r[0] + gx) * stride, (r[1] + gy) * stride);
                    var (w, h) = (MathF.Exp(r[2]) * stride, MathF.Exp(r[3]) * stride);
                    var (x0, y0) = placement.ToSource(cx - (w / 2), cy - (h / 2));
                    var (x1, y1) = placement.ToSource(cx + (w / 2), cy + (h / 2));
                    var box = BoxMath.Clip(new BoxF((float)x0, (float)y0, (float)(x1 - x0), (float)(y1 - y0)), placement.SourceWidth, placement.SourceHeight);
                    for (var c = 0; c < concepts.Count; c++)
                    {
                        var score = objectness * r[5 + c];
                        if (score >= MinScore && box.Width > 0 && box.Height > 0)
                        {
                            candidates.Add(new DetectedObject(concepts[c].Id, concepts[c].Name, score, box));
                        }
                    }
                }
            }
        }

        return BoxMath.Suppress(candidates, NmsIoU);
    }
}
