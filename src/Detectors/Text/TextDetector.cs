using System.Buffers;
using Cbvr.Features.Imaging;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>
/// PP-OCRv4's DB text detector: the image scaled so its sides are multiples of 32 (long side at most
/// <see cref="OcrOptions.DetectionMaxSide"/>), ImageNet mean/std applied to the BGR channels as PaddleOCR does (it feeds OpenCV images unconverted), a text probability map out, boxes by
/// <see cref="DbPostProcess"/>.
/// </summary>
public sealed class TextDetector(OnnxModel model, OcrOptions options)
{
    // PaddleOCR's values, applied in channel order B, G, R (the model was trained on OpenCV's BGR images).
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>The detector's input size for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static (int Width, int Height) InputSize(int width, int height, int maxSide)
    {
        var ratio = Math.Max(width, height) > maxSide ? (double)maxSide / Math.Max(width, height) : 1.0;
        static int Round32(double v) => Math.Max(32, (int)Math.Round(v / 32) * 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }

    /// <summary>Text boxes in <paramref name="bgr"/>'s pixels.</summary>
    public List<TextBox> Detect(Mat bgr)
    {
        var (w, h) = InputSize(bgr.Width, bgr.Height, options.DetectionMaxSide);
        var preprocessing = new ImagePreprocessing
        {
            Width = w,
            Height = h,
            Resize = ResizeMode.Stretch,
            Colour = ColourOrder.Bgr,
            Layout = TensorLayout.Nchw,
            Scale = 1f / 255,
            Mean = Mean,
            Std = Std,
        };
        var length = ImageTensor.Length(preprocessing);
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            ImageTensor.Fill(bgr, preprocessing, buffer.AsSpan(0, length));
            using var outputs = model.Run(buffer, [1, 3, h, w]);
            var map = outputs[0];
            var shape = map.GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[2] != h || shape[3] != w)
            {
                throw new ModelException($"model {model.Name}: expected a [1,1,{h},{w}] probability map, got [{string.Join(',', shape)}]");
            }

            using var probability = MapOf(map, w, h);
            var boxes = DbPostProcess.FindBoxes(probability, options);
            return ToImage(boxes, (float)bgr.Width / w, (float)bgr.Height / h, bgr.Width, bgr.Height);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static Mat MapOf(OrtValue value, int w, int h)
    {
        var mat = new Mat(h, w, MatType.CV_32FC1);
        var source = value.GetTensorDataAsSpan<float>()[..(w * h)];
        unsafe
        {
            source.CopyTo(new Span<float>((void*)mat.Data, w * h));
        }

        return mat;
    }

    /// <summary>Boxes scaled from map to image pixels, clipped to the image; slivers of 3 pixels or less dropped (as PaddleOCR).</summary>
    private static List<TextBox> ToImage(List<TextBox> boxes, float sx, float sy, int width, int height)
    {
        var result = new List<TextBox>(boxes.Count);
        foreach (var box in boxes)
        {
            var corners = box.Corners
                .Select(p => new Point2f(Math.Clamp(MathF.Round(p.X * sx), 0, width - 1), Math.Clamp(MathF.Round(p.Y * sy), 0, height - 1)))
                .ToArray();
            if (Distance(corners[0], corners[1]) > 3 && Distance(corners[0], corners[3]) > 3)
            {
                result.Add(box with { Corners = corners });
            }
        }

        return result;
    }

    private static float Distance(Point2f a, Point2f b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
