using Cbvr.Features;
using Cbvr.Features.Imaging;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Cbvr.Detectors.Vision;

/// <summary>
/// Faces in each keyframe (MediaPipe BlazeFace short-range, a default model). Per shot one concept, <c>faces:face</c>: the best
/// face's confidence, the number of faces and the largest face's share of the frame. Made for faces that fill a good part of the
/// frame (webcam, interview); small faces in a wide shot are missed.
/// </summary>
public sealed class FaceDetector(InferenceHost host, IOptions<ModelOptions> options, ILogger<FaceDetector> logger)
    : KeyframeDetector(host, options.Value, logger, "blazeface")
{
    /// <summary>The one concept of this detector.</summary>
    public const string FaceConcept = "faces:face";

    /// <summary>
    /// Smallest face confidence kept. Tuned on real keyframes (short side 256): close-up faces scored 0.80-0.96, while a cockatoo's
    /// head reached 0.72, a dog's 0.56 and printed or drawn faces up to 0.75; faces under ~60 pixels scored 0.45-0.75 and are lost.
    /// </summary>
    public const float MinScore = 0.75f;

    /// <summary>Overlap above which the weaker of two faces is dropped.</summary>
    public const float NmsIoU = 0.3f;

    /// <summary>Raw scores are clipped to this before the sigmoid, as MediaPipe does.</summary>
    private const float ScoreClip = 100;

    private (float X, float Y)[]? _centres;

    public override string Id => "faces";

    public override int Version => 1;

    /// <summary>The faces in each frame, boxes in that frame's pixels, best first.</summary>
    public IReadOnlyList<DetectedObject>[] DetectFaces(IReadOnlyList<Mat> frames) =>
        RunBatches<IReadOnlyList<DetectedObject>>(frames, (outputs, placement, count, i) => Decode(outputs, i, count, placement));

    protected override IReadOnlyList<ConceptScore>[] Score(IReadOnlyList<Mat> frames)
    {
        var faces = DetectFaces(frames);
        return [.. frames.Select((frame, i) => Summary(faces[i], frame.Width * (float)frame.Height))];
    }

    protected override IReadOnlyList<ConceptDefinition> LoadConcepts(ModelEntry entry) =>
        [new ConceptDefinition(FaceConcept, "face", ["human face", "head", "portrait", "close-up"], "A human face seen from the front, large enough to fill part of the frame (BlazeFace).")];

    /// <summary>The shot's one concept score: best confidence, number of faces, largest face's share of the frame.</summary>
    private static IReadOnlyList<ConceptScore> Summary(IReadOnlyList<DetectedObject> faces, float frameArea) =>
        faces.Count == 0 ? [] : [new ConceptScore(FaceConcept, faces[0].Score, faces.Count, faces.Max(f => f.Box.Width * f.Box.Height) / frameArea)];

    /// <summary>Decodes image <paramref name="image"/> of the batch: per anchor layer, scores (N x 1) and box regressors (N x 16).</summary>
    private List<DetectedObject> Decode(IReadOnlyList<OrtValue> outputs, int image, int batch, Placement placement)
    {
        var size = Preprocessing.Width;
        var centres = _centres ??= BlazeFaceAnchors.Centres(size);
        var faces = new List<DetectedObject>();
        var offset = 0;
        for (var layer = 0; layer < BlazeFaceAnchors.Layers.Length; layer++)
        {
            var anchors = BlazeFaceAnchors.Count(size, layer);
            var scores = Output(outputs, anchors, 1).GetTensorDataAsSpan<float>().Slice(image * anchors, anchors);
            var boxes = Output(outputs, anchors, 16).GetTensorDataAsSpan<float>();
            var stride = boxes.Length / batch / anchors;
            boxes = boxes.Slice(image * anchors * stride, anchors * stride);
            for (var a = 0; a < anchors; a++)
            {
                var score = 1 / (1 + MathF.Exp(-Math.Clamp(scores[a], -ScoreClip, ScoreClip)));
                if (score < MinScore)
                {
                    continue;
                }

                var r = boxes.Slice(a * stride, 4);
                var (cx, cy) = (centres[offset + a].X + r[0], centres[offset + a].Y + r[1]);
                var (x0, y0) = placement.ToSource(cx - (r[2] / 2), cy - (r[3] / 2));
                var (x1, y1) = placement.ToSource(cx + (r[2] / 2), cy + (r[3] / 2));
                var box = BoxMath.Clip(new BoxF((float)x0, (float)y0, (float)(x1 - x0), (float)(y1 - y0)), placement.SourceWidth, placement.SourceHeight);
                if (box.Width > 0 && box.Height > 0)
                {
                    faces.Add(new DetectedObject(FaceConcept, "face", score, box));
                }
            }

            offset += anchors;
        }

        return BoxMath.Suppress(faces, NmsIoU);
    }

    /// <summary>The output of shape [batch, anchors, width]; BlazeFace's outputs are told apart by shape, not by name.</summary>
    private static OrtValue Output(IReadOnlyList<OrtValue> outputs, int anchors, int width) =>
        outputs.FirstOrDefault(o => o.GetTensorTypeAndShape().Shape is [_, var n, var w] && n == anchors && w == width)
        ?? throw new InvalidOperationException($"faces: the model has no output of shape [n, {anchors}, {width}]");
}
