using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>
/// Turns the probability map of a DB (differentiable binarisation) text detector into boxes, as PaddleOCR's DBPostProcess does:
/// threshold, contours, minimum-area rectangles scored by the mean probability inside, then each rectangle expanded ("unclipped")
/// by area * ratio / perimeter on every side, because the model is trained to predict shrunk text kernels.
/// </summary>
public static class DbPostProcess
{
    private const int MaxCandidates = 1000;

    /// <summary>
    /// Boxes in map pixels from <paramref name="probability"/> (CV_32FC1, values in [0,1]); sorted in no particular order.
    /// </summary>
    public static List<TextBox> FindBoxes(Mat probability, OcrOptions options)
    {
        if (probability.Type() != MatType.CV_32FC1)
        {
            throw new ArgumentException($"expected a float map, got {probability.Type()}", nameof(probability));
        }

        using var bitmap = new Mat();
        Cv2.Threshold(probability, bitmap, options.BinaryThreshold, 255, ThresholdTypes.Binary);
        using var mask8 = new Mat();
        bitmap.ConvertTo(mask8, MatType.CV_8UC1);
        Cv2.FindContours(mask8, out var contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxSimple);

        var boxes = new List<TextBox>();
        foreach (var contour in contours.Take(MaxCandidates))
        {
            if (contour.Length < 3)
            {
                continue;
            }

            var rect = Cv2.MinAreaRect(contour);
            if (Math.Min(rect.Size.Width, rect.Size.Height) < options.MinBoxSide)
            {
                continue;
            }

            var score = MeanInside(probability, Corners(rect));
            if (score < options.BoxThreshold)
            {
                continue;
            }

            var expanded = Unclip(rect, options.UnclipRatio);
            if (Math.Min(expanded.Size.Width, expanded.Size.Height) < options.MinBoxSide + 2)
            {
                continue;
            }

            boxes.Add(new TextBox(Corners(expanded), score));
        }

        return boxes;
    }

    /// <summary>
    /// The rectangle grown by <c>area * ratio / perimeter</c> on each side. PaddleOCR offsets the polygon with round joins and takes
    /// the minimum-area rectangle of the result; for a rectangle that is exactly this.
    /// </summary>
    public static RotatedRect Unclip(RotatedRect rect, float ratio)
    {
        var (w, h) = (rect.Size.Width, rect.Size.Height);
        var perimeter = 2 * (w + h);
        var distance = perimeter > 0 ? w * h * ratio / perimeter : 0;
        return new RotatedRect(rect.Center, new Size2f(w + (2 * distance), h + (2 * distance)), rect.Angle);
    }

    /// <summary>The rectangle's corners ordered top-left, top-right, bottom-right, bottom-left (PaddleOCR's get_mini_boxes).</summary>
    public static Point2f[] Corners(RotatedRect rect)
    {
        var points = rect.Points().OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
        var (topLeft, bottomLeft) = points[0].Y <= points[1].Y ? (points[0], points[1]) : (points[1], points[0]);
        var (topRight, bottomRight) = points[2].Y <= points[3].Y ? (points[2], points[3]) : (points[3], points[2]);
        return [topLeft, topRight, bottomRight, bottomLeft];
    }

    /// <summary>Mean of <paramref name="map"/> inside the polygon <paramref name="corners"/> (PaddleOCR's box_score_fast).</summary>
    private static float MeanInside(Mat map, Point2f[] corners)
    {
        var x0 = Math.Clamp((int)Math.Floor(corners.Min(p => p.X)), 0, map.Width - 1);
        var x1 = Math.Clamp((int)Math.Ceiling(corners.Max(p => p.X)), 0, map.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(corners.Min(p => p.Y)), 0, map.Height - 1);
        var y1 = Math.Clamp((int)Math.Ceiling(corners.Max(p => p.Y)), 0, map.Height - 1);
        var roi = new Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        using var mask = new Mat(roi.Height, roi.Width, MatType.CV_8UC1, Scalar.All(0));
        var polygon = corners.Select(p => new Point((int)Math.Round(p.X - x0), (int)Math.Round(p.Y - y0))).ToArray();
        Cv2.FillPoly(mask, [polygon], Scalar.All(1));
        using var region = new Mat(map, roi);
        return (float)Cv2.Mean(region, mask).Val0;
    }
}
