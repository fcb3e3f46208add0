using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>
/// A detected text region: its corners (top-left, top-right, bottom-right, bottom-left, in image pixels) and the detector's
/// mean probability inside it.
/// </summary>
public sealed record TextBox(Point2f[] Corners, float Score)
{
    /// <summary>The axis-aligned bounds of the corners.</summary>
    public Rect2f Bounds
    {
        get
        {
            var (x0, y0) = (Corners.Min(p => p.X), Corners.Min(p => p.Y));
            var (x1, y1) = (Corners.Max(p => p.X), Corners.Max(p => p.Y));
            return new Rect2f(x0, y0, x1 - x0, y1 - y0);
        }
    }
}
