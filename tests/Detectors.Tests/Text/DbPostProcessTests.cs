using Cbvr.Detectors.Text;
using OpenCvSharp;

namespace Cbvr.Detectors.Tests.Text;

public sealed class DbPostProcessTests
{
    [Fact]
    public void ConfidentRegion_BecomesOneBox_GrownByTheUnclipDistance()
    {
        using var map = new Mat(100, 200, MatType.CV_32FC1, Scalar.All(0.05));
        map[new Rect(40, 30, 80, 20)].SetTo(Scalar.All(0.9));

        var box = Assert.Single(DbPostProcess.FindBoxes(map, new OcrOptions()));

        // contour pixels 40..119 x 30..49: min-area rectangle 79 x 19 (pixel centres); grown by 79*19*1.5/(2*(79+19)) = 11.49 on each side
        var bounds = box.Bounds;
        Assert.InRange(bounds.X, 40 - 11.49f - 1, 40 - 11.49f + 1);
        Assert.InRange(bounds.Width, 79 + 22.97f - 1, 79 + 22.97f + 1);
        Assert.InRange(bounds.Height, 19 + 22.97f - 1, 19 + 22.97f + 1);
        Assert.InRange(box.Score, 0.85f, 0.91f);
        Assert.True(box.Corners[0].X < box.Corners[1].X && box.Corners[0].Y < box.Corners[3].Y, "corners not top-left, top-right, bottom-right, bottom-left");
    }

    [Fact]
    public void WeakRegionsAndSpecks_AreDropped()
    {
        using var map = new Mat(100, 200, MatType.CV_32FC1, Scalar.All(0));
        map[new Rect(10, 10, 60, 20)].SetTo(Scalar.All(0.45)); // above the pixel threshold, below the box threshold
        map[new Rect(150, 70, 2, 2)].SetTo(Scalar.All(0.99)); // too small

        Assert.Empty(DbPostProcess.FindBoxes(map, new OcrOptions()));
    }

    [Fact]
    public void Corners_OfATiltedRectangle_StartTopLeftAndGoClockwise()
    {
        var corners = DbPostProcess.Corners(new RotatedRect(new Point2f(50, 50), new Size2f(40, 10), 10));

        Assert.True(corners[0].X < corners[1].X && corners[3].X < corners[2].X);
        Assert.True(corners[0].Y < corners[3].Y && corners[1].Y < corners[2].Y);
    }

    [Fact]
    public void ReadingOrder_IsTopToBottom_ThenLeftToRight()
    {
        static RecognizedLine Line(string text, float x, float y) =>
            new(text, 1, new TextBox([new(x, y), new(x + 50, y), new(x + 50, y + 20), new(x, y + 20)], 1));

        // "right" sits 4 pixels higher than "left" on the same row; "below" starts further left but one row down
        var ordered = OcrEngine.InReadingOrder([Line("below", 0, 60), Line("right", 100, 6), Line("left", 10, 10)]);

        Assert.Equal(["left", "right", "below"], ordered.Select(l => l.Text));
    }
}
