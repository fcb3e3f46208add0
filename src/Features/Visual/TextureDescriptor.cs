using System.Numerics;
using OpenCvSharp;

namespace Cbvr.Features.Visual;

/// <summary>
/// Texture descriptor: uniform local binary patterns (8 neighbours at radius 1) of the grey image, histogrammed into 59 bins
/// (the 58 patterns with at most two 0/1 transitions around the circle, by code value, then one bin for all others) over the
/// four quadrants (top-left, top-right, bottom-left, bottom-right) and the whole frame: 5 x 59 = 295 values, each cell
/// L1-normalised. LBP rather than HOG: it is a histogram of local micro-structure that is invariant to monotonic lighting
/// changes and pools by averaging over a shot, while HOG encodes edge layout at fixed positions, which shifts with every camera
/// move and duplicates what the CNN embedding already captures. Not thread-safe: an instance reuses its buffers (a call
/// allocates little beyond its result).
/// </summary>
public sealed class TextureDescriptor : IDisposable
{
    /// <summary>Bins per cell.</summary>
    public const int Bins = 59;

    /// <summary>Cells: four quadrants, then the whole frame.</summary>
    public const int Cells = 5;

    /// <summary>Length of the descriptor.</summary>
    public const int Length = Bins * Cells;

    /// <summary>Bin of every 8-bit LBP code.</summary>
    private static readonly byte[] UniformBin = BuildUniformBins();

    private readonly ReusableMat _grey = new();

    /// <summary>The descriptor of <paramref name="bgr"/> (CV_8UC3, at least 3x3).</summary>
    public float[] Compute(Mat bgr)
    {
        FrameChecks.RequireBgr(bgr);
        using (var input = InputArray.Create(bgr))
        {
            Cv2.CvtColor(input, _grey.Mat, ColorConversionCodes.BGR2GRAY);
        }

        var (width, height) = (_grey.Mat.Width, _grey.Mat.Height);
        Span<int> counts = stackalloc int[4 * Bins];
        counts.Clear();
        var (midX, midY) = (width / 2, height / 2);
        for (var y = 1; y < height - 1; y++)
        {
            var above = _grey.Row<byte>(y - 1, width);
            var row = _grey.Row<byte>(y, width);
            var below = _grey.Row<byte>(y + 1, width);
            var cellRow = y < midY ? 0 : 2;
            for (var x = 1; x < width - 1; x++)
            {
                var c = row[x];
                var code = (above[x - 1] >= c ? 1 : 0)
                    | (above[x] >= c ? 2 : 0)
                    | (above[x + 1] >= c ? 4 : 0)
                    | (row[x + 1] >= c ? 8 : 0)
                    | (below[x + 1] >= c ? 16 : 0)
                    | (below[x] >= c ? 32 : 0)
                    | (below[x - 1] >= c ? 64 : 0)
                    | (row[x - 1] >= c ? 128 : 0);
                var cell = cellRow + (x < midX ? 0 : 1);
                counts[(cell * Bins) + UniformBin[code]]++;
            }
        }

        var result = new float[Length];
        var whole = result.AsSpan(4 * Bins, Bins);
        for (var cell = 0; cell < 4; cell++)
        {
            var cellCounts = counts.Slice(cell * Bins, Bins);
            var total = 0;
            foreach (var n in cellCounts)
            {
                total += n;
            }

            for (var b = 0; b < Bins; b++)
            {
                whole[b] += cellCounts[b];
                result[(cell * Bins) + b] = total > 0 ? (float)cellCounts[b] / total : 0;
            }
        }

        var all = (float)Math.Max(1, (width - 2) * (height - 2));
        for (var b = 0; b < Bins; b++)
        {
            whole[b] /= all;
        }

        return result;
    }

    /// <summary>The bin of LBP <paramref name="code"/>: 0-57 for uniform patterns in code order, 58 for the rest.</summary>
    public static int BinOf(int code) => UniformBin[code];

    private static byte[] BuildUniformBins()
    {
        var bins = new byte[256];
        var next = 0;
        for (var code = 0; code < 256; code++)
        {
            var rotated = (uint)((code >> 1) | ((code & 1) << 7));
            var transitions = BitOperations.PopCount((uint)code ^ rotated);
            bins[code] = (byte)(transitions <= 2 ? next++ : Bins - 1);
        }

        return bins;
    }

    public void Dispose() => _grey.Dispose();
}
