using OpenCvSharp;

namespace Cbvr.Features.Visual;

/// <summary>
/// Colour descriptor: a joint HSV histogram of 8 hue x 4 saturation x 4 value bins (128), L1-normalised (sums to 1).
/// Hue bins are centred on multiples of 45 degrees (OpenCV hue 0-180, so 22.5 units), so pure red falls in the middle of
/// hue bin 0 instead of being split between the first and last bins. Bin index = (hue * 4 + saturation) * 4 + value.
/// Not thread-safe: an instance reuses its buffers (a call allocates little beyond its result); use one per thread.
/// </summary>
public sealed class ColorHistogram : IDisposable
{
    public const int HueBins = 8;
    public const int SaturationBins = 4;
    public const int ValueBins = 4;

    /// <summary>Length of the descriptor.</summary>
    public const int Length = HueBins * SaturationBins * ValueBins;

    /// <summary>Hue bin of every OpenCV hue value (0-179; larger values do not occur).</summary>
    private static readonly byte[] HueBin = BuildHueBins();

    private readonly ReusableMat _hsv = new();

    /// <summary>The histogram of <paramref name="bgr"/> (CV_8UC3).</summary>
    public float[] Compute(Mat bgr)
    {
        FrameChecks.RequireBgr(bgr);
        using (var input = InputArray.Create(bgr))
        {
            Cv2.CvtColor(input, _hsv.Mat, ColorConversionCodes.BGR2HSV);
        }

        Span<int> counts = stackalloc int[Length];
        counts.Clear();
        var (width, height) = (_hsv.Mat.Width, _hsv.Mat.Height);
        for (var y = 0; y < height; y++)
        {
            var row = _hsv.Row<byte>(y, width * 3);
            for (var i = 0; i < row.Length; i += 3)
            {
                counts[(HueBin[row[i]] << 4) | ((row[i + 1] >> 6) << 2) | (row[i + 2] >> 6)]++;
            }
        }

        var result = new float[Length];
        var scale = 1f / (width * height);
        for (var i = 0; i < Length; i++)
        {
            result[i] = counts[i] * scale;
        }

        return result;
    }

    /// <summary>The hue bin (0-7) of an OpenCV hue (0-180): bins of 22.5 centred on 0, 22.5, 45, ... wrapping at 180.</summary>
    public static int HueBinOf(int hue) => HueBin[hue];

    private static byte[] BuildHueBins()
    {
        var bins = new byte[256];
        for (var h = 0; h < bins.Length; h++)
        {
            // floor((h + 11.25) / 22.5) mod 8, in integers.
            bins[h] = (byte)(((4 * h) + 45) / 90 % HueBins);
        }

        return bins;
    }

    public void Dispose() => _hsv.Dispose();
}
