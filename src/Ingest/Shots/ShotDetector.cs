namespace Cbvr.Ingest.Shots;

/// <summary>
/// Streaming shot boundary detection on the colour signatures (<see cref="FrameSignature"/>) of sampled frames.
/// Consecutive distances above a low adaptive threshold form a <em>run</em> (a change event); when the picture settles,
/// the run is judged as a whole, so a dissolve or a fade through black gives one boundary, not several:
/// <list type="bullet">
/// <item>Hard cut: a step of the run above the cut threshold, max(MinCutDistance, median + k*sigma) of recent distances
/// (sigma from the median absolute deviation), that is a spike against the steps around it (camera motion raises all
/// distances together; a cut raises one), and not a flash (the picture after it does not return to the one before).</item>
/// <item>Gradual transition (twin comparison): no spike, but the run stands well above the motion before and after it and
/// changes the picture like a cut from its first to its last frame; the boundary is placed mid-run. Runs longer than
/// <see cref="MaxGradualSeconds"/> are camera motion; only spikes inside them count.</item>
/// </list>
/// Boundaries are reported at most <see cref="MaxDelayFrames"/> frames after the frame that begins the new shot.
/// </summary>
public sealed class ShotDetector
{
    /// <summary>Longest dissolve or fade accepted.</summary>
    public const double MaxGradualSeconds = 3.0;

    /// <summary>A run has settled when a step falls below this fraction of its largest step, even if motion keeps it above the low threshold.</summary>
    private const double SettleFraction = 0.3;

    private readonly ShotOptions _options;
    private readonly double _fps;
    private readonly ShotStatistics _window;
    private readonly int _maxRunFrames;
    private readonly List<ShotBoundary> _boundaries = [];

    private float[]? _previous;
    private double _previousDistance;
    private double _lastBoundaryTime;
    private Run? _run;

    public ShotDetector(ShotOptions options, double framesPerSecond)
    {
        _options = options;
        _fps = framesPerSecond;
        _window = new ShotStatistics(Math.Max(3, (int)Math.Round(options.WindowSeconds * framesPerSecond)));
        _maxRunFrames = Math.Max(2, (int)Math.Round(MaxGradualSeconds * framesPerSecond));
    }

    /// <summary>How many frames after a shot's first frame its boundary may still be reported.</summary>
    public int MaxDelayFrames => _maxRunFrames + 2;

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
        var (median, sigma) = _window.MedianAndSigma();
        var low = Math.Max(_options.GradualStartDistance, median + (2 * sigma));
        if (d > low && (_run is null || d >= SettleFraction * _run.Peak))
        {
            _run ??= new Run(_previous, _previousDistance, median, CutThreshold(median, sigma));
            _run.Steps.Add(new Step(index, d, signature));
            if (_run.Steps.Count > _maxRunFrames)
            {
                Close(_run, signature, d, overflow: true);
                _run = null;
            }
        }
        else
        {
            if (_run is not null)
            {
                Close(_run, signature, d, overflow: false);
                _run = null;
            }

            _window.Add(d);
        }

        _previous = signature;
        _previousDistance = d;
    }

    /// <summary>Ends the stream, judging a change still in progress with what came before it.</summary>
    public IReadOnlyList<ShotBoundary> Finish()
    {
        if (_run is not null)
        {
            Close(_run, null, 0, overflow: false);
            _run = null;
        }

        return _boundaries;
    }

    private double CutThreshold(double median, double sigma) =>
        Math.Max(_options.MinCutDistance, median + (_options.AdaptiveSigmas * sigma));

    /// <summary>Judges a finished run. <paramref name="after"/> is the first settled frame (null at the end of the stream).</summary>
    private void Close(Run run, float[]? after, double distanceAfter, bool overflow)
    {
        var steps = run.Steps;
        var cuts = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var before = i == 0 ? run.DistanceBefore : steps[i - 1].Distance;
            var next = i + 1 < steps.Count ? steps[i + 1].Distance : distanceAfter;
            var step = steps[i];
            var spike = step.Distance > run.CutThreshold && step.Distance >= _options.SpikeRatio * Math.Max(before, next);
            var frameBefore = i == 0 ? run.Before : steps[i - 1].Signature;
            var frameAfterNext = i + 1 < steps.Count ? steps[i + 1].Signature : after;

            // A flash or a single corrupt frame: the frame after the jump's successor looks like the frame before the jump.
            var flash = frameAfterNext is not null && FrameSignature.Distance(frameBefore, frameAfterNext) <= step.Distance * 0.5;
            if (spike && !flash && Accept(step.Index, TransitionKind.Cut, step.Distance))
            {
                cuts++;
            }
            else if (!spike)
            {
                _window.Add(step.Distance);
            }
        }

        if (cuts > 0 || overflow || steps.Count < 2 || after is null)
        {
            return;
        }

        var mean = steps.Average(s => s.Distance);
        var bump = mean >= 2 * Math.Max(distanceAfter, run.MedianBefore);
        var change = FrameSignature.Distance(run.Before, after);
        if (bump && change > run.CutThreshold)
        {
            Accept(steps[steps.Count / 2].Index, TransitionKind.Gradual, change);
        }
    }

    private bool Accept(int frameIndex, TransitionKind kind, double distance)
    {
        var time = frameIndex / _fps;
        if (time - _lastBoundaryTime < _options.MinShotSeconds || (_boundaries.Count > 0 && frameIndex <= _boundaries[^1].FrameIndex))
        {
            return false;
        }

        _boundaries.Add(new ShotBoundary(frameIndex, time, kind, distance));
        _lastBoundaryTime = time;
        return true;
    }

    private sealed record Step(int Index, double Distance, float[] Signature);

    private sealed record Run(float[] Before, double DistanceBefore, double MedianBefore, double CutThreshold)
    {
        public List<Step> Steps { get; } = [];

        public double Peak => Steps.Count == 0 ? 0 : Steps.Max(s => s.Distance);
    }
}
