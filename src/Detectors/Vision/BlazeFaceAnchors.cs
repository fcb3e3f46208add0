namespace Cbvr.Detectors.Vision;

/// <summary>
/// The SSD anchors of MediaPipe's BlazeFace short-range (front) model: a 16x16 grid (stride 8) with 2 anchors per cell, then an
/// 8x8 grid (stride 16) with 6 per cell, 896 in all, row by row; centres at the cell middles, fixed size (the regressor gives it).
/// </summary>
public static class BlazeFaceAnchors
{
    /// <summary>The (stride, anchors per cell) layers in output order.</summary>
    public static readonly (int Stride, int PerCell)[] Layers = [(8, 2), (16, 6)];

    /// <summary>Anchor centres in input pixels for a square input of <paramref name="size"/> pixels, in output order.</summary>
    public static (float X, float Y)[] Centres(int size)
    {
        var centres = new List<(float, float)>();
        foreach (var (stride, perCell) in Layers)
        {
            var grid = size / stride;
            for (var y = 0; y < grid; y++)
            {
                for (var x = 0; x < grid; x++)
                {
                    for (var a = 0; a < perCell; a++)
                    {
                        centres.Add(((x + 0.5f) * stride, (y + 0.5f) * stride));
                    }
                }
            }
        }

        return [.. centres];
    }

    /// <summary>Anchors of one layer for a square input of <paramref name="size"/> pixels.</summary>
    public static int Count(int size, int layer) => size / Layers[layer].Stride * (size / Layers[layer].Stride) * Layers[layer].PerCell;
}
