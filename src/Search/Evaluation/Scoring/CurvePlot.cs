using System.Globalization;
using OpenCvSharp;

namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>One named curve of a plot: points in the plot's data units (fractions in [0,1]).</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// Draws precision–recall curves (linear axes) and DET curves (miss vs false-alarm probability on normal-deviate axes, as NIST
/// draws them) as PNG images: axes with tick labels, axis titles, a title and a legend, one coloured line per series.
/// </summary>
public static class CurvePlot
{
    private const int Width = 900;
    private const int Height = 700;
    private const int Left = 90;
    private const int Right = 220;
    private const int Top = 50;
    private const int Bottom = 80;

    private static readonly double[] DetTicks = [0.001, 0.01, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99];

    private static readonly Scalar[] Palette =
    [
        new(180, 119, 31), new(14, 127, 255), new(44, 160, 44), new(40, 39, 214), new(189, 103, 148),
        new(75, 86, 140), new(194, 119, 227), new(127, 127, 127), new(34, 189, 188), new(207, 190, 23),
    ];

    /// <summary>Precision (y) against recall (x), both 0–1.</summary>
    public static byte[] PrecisionRecall(string title, IReadOnlyList<PlotSeries> series)
    {
        var ticks = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        return Draw(title, "Recall", "Precision", series, v => v, ticks, t => t.ToString("0.0", CultureInfo.InvariantCulture));
    }

    /// <summary>Miss probability (y) against false-alarm probability (x), both as normal deviates, 0.1 % to 99 %.</summary>
    public static byte[] Det(string title, IReadOnlyList<PlotSeries> series)
    {
        double low = Probit.Inverse(DetTicks[0]), high = Probit.Inverse(DetTicks[^1]);
        double Scale(double p) => (Probit.Inverse(Math.Clamp(p, DetTicks[0], DetTicks[^1])) - low) / (high - low);
        return Draw(title, "False alarm probability (%)", "Miss probability (%)", series, Scale, DetTicks,
            t => (t * 100).ToString("0.#", CultureInfo.InvariantCulture));
    }

    private static byte[] Draw(string title, string xLabel, string yLabel, IReadOnlyList<PlotSeries> series, Func<double, double> scale, double[] ticks, Func<double, string> tickLabel)
    {
        using var image = new Mat(Height, Width, MatType.CV_8UC3, Scalar.White);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        Point At(double x, double y) => new(Left + (int)Math.Round(scale(x) * plotWidth), Top + plotHeight - (int)Math.Round(scale(y) * plotHeight));
        var grid = new Scalar(225, 225, 225);
        var ink = new Scalar(40, 40, 40);
        foreach (var t in ticks)
        {
            var p = At(t, t);
            Cv2.Line(image, new Point(p.X, Top), new Point(p.X, Top + plotHeight), grid, 1);
            Cv2.Line(image, new Point(Left, p.Y), new Point(Left + plotWidth, p.Y), grid, 1);
            Text(image, tickLabel(t), new Point(p.X - 12, Top + plotHeight + 20), 0.45, ink);
            Text(image, tickLabel(t), new Point(Left - 48, p.Y + 5), 0.45, ink);
        }

        Cv2.Rectangle(image, new Rect(Left, Top, plotWidth, plotHeight), ink, 1);
        Text(image, title, new Point(Left, Top - 18), 0.7, ink);
        Text(image, xLabel, new Point(Left + (plotWidth / 2) - (xLabel.Length * 5), Height - 25), 0.55, ink);
        using (var label = new Mat(30, plotHeight, MatType.CV_8UC3, Scalar.White))
        {
            Text(label, yLabel, new Point((plotHeight / 2) - (yLabel.Length * 5), 20), 0.55, ink);
            using var rotated = new Mat();
            Cv2.Rotate(label, rotated, RotateFlags.Rotate90Counterclockwise);
            rotated.CopyTo(image[new Rect(8, Top, 30, plotHeight)]);
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var points = series[s].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).Select(p => At(p.X, p.Y)).ToArray();
            if (points.Length > 0)
            {
                Cv2.Polylines(image, [points], isClosed: false, colour, 2, LineTypes.AntiAlias);
            }

            var y = Top + 20 + (s * 22);
            Cv2.Line(image, new Point(Width - Right + 15, y - 5), new Point(Width - Right + 45, y - 5), colour, 3, LineTypes.AntiAlias);
            Text(image, series[s].Name, new Point(Width - Right + 52, y), 0.5, ink);
        }

        return image.ImEncode(".png");
    }

    private static void Text(Mat image, string text, Point at, double scale, Scalar colour) =>
        Cv2.PutText(image, text, at, HersheyFonts.HersheySimplex, scale, colour, 1, LineTypes.AntiAlias);
}
