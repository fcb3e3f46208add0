using System.Buffers;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>
/// PP-OCRv4's CTC text line recogniser: each box is cut out with a perspective warp, scaled to height 48 keeping its aspect,
/// normalised to [-1,1] (BGR, as PaddleOCR feeds OpenCV images) and right-padded; crops of similar width run as one batch; the output is decoded greedily.
/// </summary>
public sealed class TextRecognizer(OnnxModel model, CtcDecoder decoder, OcrOptions options)
{
    /// <summary>Input height the model is trained for.</summary>
    public const int Height = 48;

    /// <summary>Recognised text and confidence per box, in the order of <paramref name="boxes"/>.</summary>
    public (string Text, float Confidence)[] Recognize(Mat bgr, IReadOnlyList<TextBox> boxes)
    {
        var crops = boxes.Select(b => Crop(bgr, b.Corners)).ToArray();
        try
        {
            var results = new (string, float)[crops.Length];
            var order = Enumerable.Range(0, crops.Length).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
            foreach (var batch in order.Chunk(options.RecognitionBatchSize))
            {
                RunBatch(crops, batch, results);
            }

            return results;
        }
        finally
        {
            foreach (var crop in crops)
            {
                crop.Dispose();
            }
        }
    }

    /// <summary>
    /// The box's content as an upright image (PaddleOCR's get_rotate_crop_image): warped to its edge lengths, and turned a
    /// quarter counter-clockwise when it is at least 1.5 times taller than wide (vertical text).
    /// </summary>
    public static Mat Crop(Mat bgr, Point2f[] corners)
    {
        static float Length(Point2f a, Point2f b) => (float)Point2f.Distance(a, b);
        var width = Math.Max(1, (int)MathF.Max(Length(corners[0], corners[1]), Length(corners[2], corners[3])));
        var height = Math.Max(1, (int)MathF.Max(Length(corners[0], corners[3]), Length(corners[1], corners[2])));
        Point2f[] target = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(corners, target);
        var crop = new Mat();
        Cv2.WarpPerspective(bgr, crop, transform, new Size(width, height), InterpolationFlags.Cubic, BorderTypes.Replicate);
        if (height >= 1.5 * width)
        {
            Cv2.Rotate(crop, crop, RotateFlags.Rotate90Counterclockwise);
        }

        return crop;
    }

    private void RunBatch(Mat[] crops, int[] batch, (string, float)[] results)
    {
        var widest = batch.Max(i => (double)crops[i].Width / crops[i].Height);
        var width = Math.Clamp((int)Math.Ceiling(Height * widest), options.RecognitionMinWidth, options.RecognitionMaxWidth);
        var plane = Height * width;
        var length = batch.Length * 3 * plane;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            Array.Clear(buffer, 0, length);
            for (var b = 0; b < batch.Length; b++)
            {
                Fill(crops[batch[b]], width, buffer.AsSpan(b * 3 * plane, 3 * plane));
            }

            using var outputs = model.Run(buffer, [batch.Length, 3, Height, width]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 3 || shape[0] != batch.Length || shape[2] != decoder.ClassCount)
            {
                throw new ModelException(
                    $"model {model.Name}: expected [{batch.Length},T,{decoder.ClassCount}] (keys + blank + space), got [{string.Join(',', shape)}]");
            }

            var steps = (int)shape[1];
            var probabilities = outputs[0].GetTensorDataAsSpan<float>();
            for (var b = 0; b < batch.Length; b++)
            {
                results[batch[b]] = decoder.Decode(probabilities.Slice(b * steps * decoder.ClassCount, steps * decoder.ClassCount), steps);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the crop scaled to height 48 (width at most <paramref name="width"/>) as BGR CHW in [-1,1]; the rest stays 0.</summary>
    private static void Fill(Mat crop, int width, Span<float> destination)
    {
        var scaledWidth = Math.Clamp((int)Math.Ceiling(Height * (double)crop.Width / crop.Height), 1, width);
        using var resized = new Mat();
        Cv2.Resize(crop, resized, new Size(scaledWidth, Height), 0, 0, InterpolationFlags.Linear);
        var plane = Height * width;
        for (var y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> row;
            unsafe
            {
                row = new ReadOnlySpan<byte>((void*)resized.Ptr(y), scaledWidth * 3);
            }

            var offset = y * width;
            for (var x = 0; x < scaledWidth; x++)
            {
                // (v / 255 - 0.5) / 0.5, channels kept in BGR order as PaddleOCR feeds OpenCV images
                destination[offset + x] = (row[x * 3] / 127.5f) - 1f;
                destination[plane + offset + x] = (row[(x * 3) + 1] / 127.5f) - 1f;
                destination[(2 * plane) + offset + x] = (row[(x * 3) + 2] / 127.5f) - 1f;
            }
        }
    }
}
