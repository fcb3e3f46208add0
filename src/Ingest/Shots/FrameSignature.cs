namespace Cbvr.Ingest.Shots;

/// <summary>
/// A frame's colour signature: a global HSV histogram (16x4x4 bins) followed by coarse histograms (8x2x2) of a 3x3 grid.
/// The global part ignores where colours are, so motion barely moves it; the grid part catches cuts between shots of
/// similar palette (two faces in the same room), which a global histogram misses.
/// </summary>
public static class FrameSignature
{
    public const int Grid = 3;

    public static readonly int[] GlobalBins = [16, 4, 4];

    public static readonly int[] RegionBins = [8, 2, 2];

    public static int GlobalLength => GlobalBins[0] * GlobalBins[1] * GlobalBins[2];

    public static int RegionLength => RegionBins[0] * RegionBins[1] * RegionBins[2];

    public static int Length => GlobalLength + (Grid * Grid * RegionLength);

    /// <summary>Mean of the global and the average regional total-variation distance: 0 (same) .. 1 (disjoint).</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var global = HistogramDistance.TotalVariation(a[..GlobalLength], b[..GlobalLength]);
        double regional = 0;
        for (var cell = 0; cell < Grid * Grid; cell++)
        {
            var start = GlobalLength + (cell * RegionLength);
            regional += HistogramDistance.TotalVariation(a.Slice(start, RegionLength), b.Slice(start, RegionLength));
        }

        return 0.5 * (global + (regional / (Grid * Grid)));
    }
}
