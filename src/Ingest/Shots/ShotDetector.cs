namespace Cbvr.Ingest.Shots;

/// <summary>
/// Streaming shot boundary detection on the colour signatures (<see cref="FrameSignature"/>) of sampled frames.
/// <list type="bullet">
/// <item>Hard cut: the distance between consecutive frames exceeds an adaptive threshold, max(MinCutDistance, median + k*sigma)
/// of recent distances (sigma from the median absolute deviation), and is a spike against the distances just before and after it (or is very large). Camera motion
/// raises all distances together; a cut raises one.</item>
/// <item>Flash guard: a cut is confirmed one frame later only if the next frame does not return to the old picture.</item>
/// <item>Gradual transition (twin comparison): a run of moderate distances opens a candidate; when the run ends and the
/// change from the frame before it to the frame after it exceeds the cut threshold, the boundary is placed mid-run. Runs
/// longer than <see cref="MaxGradualSeconds"/> are camera motion, not transitions.</item>
/// </list>
/// Boundaries are reported at most <see cref="MaxDelayFrames"/> frames after the frame that begins the new shot.
/// </summary>
public sealed class ShotDetector
{
    /// <summary>Longest dissolve or fade accepted.</summary>
    public const double MaxGradualSeconds = 3.0;

    private readonly ShotOptions _options;
    private readonly double _fps;
    private readonly Queue<double> _window = new();
    private readonly int _windowSize;
    private readonly int _maxGradualFrames;
    private readonly List<ShotBoundary> _boundaries = [];

    private float[]? _previous;
    private float[]? _beforePrevious;
    private double _previousDistance;
    private double _lastBoundaryTime;
    private Candidate? _pendingCut;
    private Gradual? _gradual;

    public ShotDetector(ShotOptions options, double framesPerSecond)
    {
        _options = options;
        _fps = framesPerSecond;
        _windowSize = Math.Max(3, (int)Math.Round(options.WindowSeconds * framesPerSecond));
        _maxGradualFrames = Math.Max(2, (int)Math.Round(MaxGradualSeconds * framesPerSecond));
    }

    /// <summary>How many frames after a shot's first frame its boundary may still be reported.</summary>
    public int MaxDelayFrames => _maxGradualFrames + 2;

    /// <summary>Boundaries found so far, in order.</summary>
    public IReadOnlyList<ShotBoundary> Boundaries => _boundaries;

    /// <summary>Feeds the signature of sampled frame <paramref name="index"/> (frames must come in order).</summary>
    public void Push(int index, float[] signature)
    {
        if (_previous is null)
        {
            _previous = signature;
            return;
        }

        var d = FrameSignature.Distance(_previous, signature);
        ResolvePendingCut(signature, d);

        var threshold = CutThreshold();
        var time = index / _fps;
        if (d > threshold && time - _lastBoundaryTime >= _options.MinShotSeconds)
        {
            _pendingCut = new Candidate(index, time, d, _previousDistance);
        }
        else
        {
            AddToWindow(d);
        }

        TrackGradual(index, signature, d, threshold);
        _beforePrevious = _previous;
        _previous = signature;
        _previousDistance = d;
    }

    /// <summary>Ends the stream; a cut pending confirmation on the last frame is judged without the frame after it.</summary>
    public IReadOnlyList<ShotBoundary> Finish()
    {
        if (_pendingCut is { } c && (c.Distance >= _options.StrongCutDistance || c.Distance >= _options.SpikeRatio * c.DistanceBefore))
        {
            Accept(new ShotBoundary(c.Index, c.Time, TransitionKind.Cut, c.Distance));
        }

        _pendingCut = null;
        return _boundaries;
    }

    private void ResolvePendingCut(float[] current, double distanceAfter)
    {
        if (_pendingCut is not { } c)
        {
            return;
        }

        _pendingCut = null;
        var spike = c.Distance >= _options.StrongCutDistance || c.Distance >= _options.SpikeRatio * Math.Max(c.DistanceBefore, distanceAfter);

        // A flash or a single corrupt frame: the frame after the jump looks like the frame before it.
        var notFlash = _beforePrevious is not null && FrameSignature.Distance(_beforePrevious, current) > c.Distance * 0.5;
        if (spike && notFlash)
        {
            Accept(new ShotBoundary(c.Index, c.Time, TransitionKind.Cut, c.Distance));
            _gradual = null;
        }
        else
        {
            AddToWindow(c.Distance);
        }
    }

    private void TrackGradual(int index, float[] signature, double d, double threshold)
    {
        if (_pendingCut is not null && _pendingCut.Value.Index == index && d >= _options.StrongCutDistance)
        {
            _gradual = null;
            return;
        }

        if (_window.Count < 3)
        {
            return; // too early to tell transitions from the camera's own motion
        }

        if (d > GradualThreshold())
        {
            _gradual ??= new Gradual(index, _previous!);
            if (index - _gradual.FirstIndex + 1 > _maxGradualFrames)
            {
                _gradual = null;
            }

            return;
        }

        if (_gradual is null)
        {
            return;
        }

        // The run ended: frames FirstIndex .. index-1 changed; index is the first stable frame.
        var length = index - _gradual.FirstIndex;
        var change = FrameSignature.Distance(_gradual.Before, signature);
        var mid = _gradual.FirstIndex + (length / 2);
        if (length >= 2 && change > threshold && mid / _fps - _lastBoundaryTime >= _options.MinShotSeconds)
        {
            Accept(new ShotBoundary(mid, mid / _fps, TransitionKind.Gradual, change));
        }

        _gradual = null;
    }

    private void Accept(ShotBoundary boundary)
    {
        if (_boundaries.Count > 0 && boundary.FrameIndex <= _boundaries[^1].FrameIndex)
        {
            return;
        }

        _boundaries.Add(boundary);
        _lastBoundaryTime = boundary.TimeSeconds;
    }

    private double CutThreshold()
    {
        var (median, sigma) = WindowStats();
        return Math.Max(_options.MinCutDistance, median + (_options.AdaptiveSigmas * sigma));
    }

    private double GradualThreshold()
    {
        var (median, sigma) = WindowStats();
        return Math.Max(_options.GradualStartDistance, median + (2 * sigma));
    }

    /// <summary>
    /// Median and robust standard deviation (1.4826 * median absolute deviation) of recent distances. Robust statistics,
    /// because the distances of a video with frequent transitions are bimodal and a plain standard deviation explodes.
    /// </summary>
    private (double Median, double Sigma) WindowStats()
    {
        if (_window.Count < 3)
        {
            return (0, 0);
        }

        Span<double> values = stackalloc double[_window.Count];
        var i = 0;
        foreach (var v in _window)
        {
            values[i++] = v;
        }

        var median = Median(values);
        for (i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        return (median, 1.4826 * Median(values));
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }

    private void AddToWindow(double d)
    {
        _window.Enqueue(d);
        if (_window.Count > _windowSize)
        {
            _window.Dequeue();
        }
    }

    private readonly record struct Candidate(int Index, double Time, double Distance, double DistanceBefore);

    private sealed record Gradual(int FirstIndex, float[] Before);
}
