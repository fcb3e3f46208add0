using OpenCvSharp;

namespace Cbvr.Features.Visual;

/// <summary>
/// Motion descriptor between consecutive sampled frames (0.5 s apart at 2 fps) from dense Farneback optical flow computed on
/// grey frames scaled to a short side of <see cref="ShortSide"/> pixels (never upscaled). Layout (34 values):
/// <list type="bullet">
/// <item>0-31: histogram of flow direction (8 bins) x magnitude (4 bins, index = direction * 4 + magnitude) over the moving
/// pixels, weighted by magnitude and L1-normalised (all zero when nothing moves). Direction bin k is centred on k * 45 degrees
/// counter-clockwise from "right" as seen on screen: 0 right, 2 up, 4 left, 6 down. Magnitude bins start at
/// <see cref="MagnitudeEdges"/> pixels.</item>
/// <item>32: mean flow magnitude over all pixels, in pixels of the reduced frame.</item>
/// <item>33: fraction of pixels moving at least <see cref="MovingThreshold"/> pixels.</item>
/// </list>
/// Stateful: <see cref="Add"/> frames of one video in time order; the first frame (or a frame whose size differs from the
/// previous one) gives all zeros. Not thread-safe: an instance reuses its buffers (a call allocates little beyond its result).
/// </summary>
public sealed class MotionDescriptor : IDisposable
{
    public const int DirectionBins = 8;
    public const int MagnitudeBins = 4;
    public const int HistogramLength = DirectionBins * MagnitudeBins;

    /// <summary>Length of the descriptor.</summary>
    public const int Length = HistogramLength + 2;

    /// <summary>Index of the mean magnitude.</summary>
    public const int MeanMagnitudeIndex = HistogramLength;

    /// <summary>Index of the fraction of moving pixels.</summary>
    public const int MovingFractionIndex = HistogramLength + 1;

    /// <summary>Short side of the frames the flow is computed on.</summary>
    public const int ShortSide = 128;

    /// <summary>Flow (pixels of the reduced frame) below which a pixel counts as still.</summary>
    public const float MovingThreshold = 0.5f;

    /// <summary>Lower edges of the magnitude bins, in pixels of the reduced frame.</summary>
    public static ReadOnlySpan<float> MagnitudeEdges => [MovingThreshold, 1.5f, 4f, 10f];

    private readonly ReusableMat _small = new();
    private ReusableMat _previous = new();
    private ReusableMat _current = new();
    private readonly ReusableMat _flow = new();
    private bool _hasPrevious;

    /// <summary>Scale from the frames given to <see cref="Add"/> to the frames the flow is measured on (set by the last call).</summary>
    public double Scale { get; private set; } = 1;

    /// <summary>Forgets the previous frame (call between videos).</summary>
    public void Reset() => _hasPrevious = false;

    /// <summary>The motion from the previous frame to <paramref name="bgr"/> (CV_8UC3); zeros for the first frame.</summary>
    public float[] Add(Mat bgr)
    {
        FrameChecks.RequireBgr(bgr);
        var shorter = Math.Min(bgr.Width, bgr.Height);
        Scale = shorter > ShortSide ? (double)ShortSide / shorter : 1.0;
        var size = new Size(Math.Max(1, (int)Math.Round(bgr.Width * Scale)), Math.Max(1, (int)Math.Round(bgr.Height * Scale)));
        using (var input = InputArray.Create(bgr))
        {
            Cv2.Resize(input, _small.Mat, size, 0, 0, InterpolationFlags.Area);
        }

        Cv2.CvtColor(_small.In, _current.Mat, ColorConversionCodes.BGR2GRAY);
        var result = new float[Length];
        if (_hasPrevious && _previous.Mat.Size() == _current.Mat.Size())
        {
            Cv2.CalcOpticalFlowFarneback(_previous.In, _current.In, _flow.Mat, pyrScale: 0.5, levels: 3, winsize: 15, iterations: 3, polyN: 5, polySigma: 1.2, flags: 0);
            Summarise(result);
        }

        (_previous, _current) = (_current, _previous);
        _hasPrevious = true;
        return result;
    }

    private void Summarise(float[] result)
    {
        var (width, height) = (_flow.Mat.Width, _flow.Mat.Height);
        var edges = MagnitudeEdges;
        double total = 0, weight = 0;
        var moving = 0;
        for (var y = 0; y < height; y++)
        {
            var row = _flow.Row<float>(y, width * 2);
            for (var i = 0; i < row.Length; i += 2)
            {
                var (dx, dy) = (row[i], row[i + 1]);
                var magnitude = MathF.Sqrt((dx * dx) + (dy * dy));
                total += magnitude;
                if (magnitude < MovingThreshold)
                {
                    continue;
                }

                moving++;
                weight += magnitude;

                // Image y points down; negate it so direction bins go counter-clockwise as seen on screen.
                var angle = MathF.Atan2(-dy, dx);
                var direction = ((int)MathF.Round(angle / (MathF.PI / 4)) + DirectionBins) % DirectionBins;
                var level = MagnitudeBins - 1;
                while (magnitude < edges[level])
                {
                    level--;
                }

                result[(direction * MagnitudeBins) + level] += magnitude;
            }
        }

        if (weight > 0)
        {
            var inverse = (float)(1 / weight);
            for (var i = 0; i < HistogramLength; i++)
            {
                result[i] *= inverse;
            }
        }

        var pixels = (double)width * height;
        result[MeanMagnitudeIndex] = (float)(total / pixels);
        result[MovingFractionIndex] = (float)(moving / pixels);
    }

    public void Dispose()
    {
        _flow.Dispose();
        _small.Dispose();
        _previous.Dispose();
        _current.Dispose();
    }
}
