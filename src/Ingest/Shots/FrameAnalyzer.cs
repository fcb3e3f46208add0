using Cbvr.Ingest.Decode;
using OpenCvSharp;

namespace Cbvr.Ingest.Shots;

/// <summary>Per-frame measurements for shot detection and keyframe choice, computed with OpenCV on the pooled frame in place.</summary>
public static class FrameAnalyzer
{
    private static readonly Rangef[] Ranges = [new(0, 180), new(0, 256), new(0, 256)];
    private static readonly int[] Channels = [0, 1, 2];

    /// <summary>The frame's colour signature and a quality score (high: sharp, well exposed, varied colour).</summary>
    public static unsafe FrameMeasurement Analyze(VideoFrame frame)
    {
        fixed (byte* pixels = frame.Pixels)
        {
            using var bgr = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, (IntPtr)pixels);
            using var hsv = new Mat();
            Cv2.CvtColor(bgr, hsv, ColorConversionCodes.BGR2HSV);

            var signature = new float[FrameSignature.Length];
            Histogram(hsv, FrameSignature.GlobalBins, signature.AsSpan(0, FrameSignature.GlobalLength));
            var (cellW, cellH) = (frame.Width / FrameSignature.Grid, frame.Height / FrameSignature.Grid);
            for (var cell = 0; cell < FrameSignature.Grid * FrameSignature.Grid; cell++)
            {
                using var roi = new Mat(hsv, new Rect(cell % FrameSignature.Grid * cellW, cell / FrameSignature.Grid * cellH, cellW, cellH));
                Histogram(roi, FrameSignature.RegionBins, signature.AsSpan(FrameSignature.GlobalLength + (cell * FrameSignature.RegionLength), FrameSignature.RegionLength));
            }

            double entropy = 0;
            foreach (var p in signature.AsSpan(0, FrameSignature.GlobalLength))
            {
                if (p > 0)
                {
                    entropy -= p * Math.Log2(p);
                }
            }

            using var gray = new Mat();
            using var laplacian = new Mat();
            Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
            Cv2.Laplacian(gray, laplacian, MatType.CV_16S);
            Cv2.MeanStdDev(laplacian, out _, out var std);
            var brightness = Cv2.Mean(gray).Val0;
            var sharpness = Math.Log(1 + (std.Val0 * std.Val0));
            var exposure = brightness < 16 || brightness > 240 ? 0.25 : 1.0;
            return new FrameMeasurement(signature, exposure * (entropy + (0.5 * sharpness)));
        }
    }

    /// <summary>Normalised HSV histogram of <paramref name="hsv"/> into <paramref name="target"/>.</summary>
    private static void Histogram(Mat hsv, int[] bins, Span<float> target)
    {
        using var hist = new Mat();
        Cv2.CalcHist([hsv], Channels, null, hist, 3, bins, Ranges);
        using var flat = hist.Reshape(1, target.Length);
        flat.GetArray(out float[] counts);
        var total = (float)(hsv.Width * hsv.Height);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = counts[i] / total;
        }
    }
}

/// <summary>Colour signature (see <see cref="FrameSignature"/>) and keyframe quality of one frame.</summary>
public sealed record FrameMeasurement(float[] Signature, double Quality);
