using Cbvr.Ingest.Decode;

namespace Cbvr.Ingest.Shots;

/// <summary>
/// Turns a stream of sampled frames into shots with one keyframe each. Frames wait in a short delay line until no later
/// boundary can move them to another shot; each shot keeps its best-quality frame, encoded when the shot closes.
/// </summary>
public sealed class ShotSegmenter : IDisposable
{
    private readonly ShotDetector _detector;
    private readonly Queue<(VideoFrame Frame, double Quality)> _delay = new();
    private readonly Action<int, VideoFrame> _keyframeSink;
    private readonly double _fps;
    private int _currentShot = -1;
    private VideoFrame? _best;
    private double _bestQuality;
    private readonly Dictionary<int, double> _keyframeTimes = [];
    private int _frameCount;

    /// <param name="options">Detection settings.</param>
    /// <param name="framesPerSecond">Sampling rate of the frames.</param>
    /// <param name="keyframeSink">Receives (shot index, frame) once per shot, in order; the frame is disposed after the call.</param>
    public ShotSegmenter(ShotOptions options, double framesPerSecond, Action<int, VideoFrame> keyframeSink)
    {
        _detector = new ShotDetector(options, framesPerSecond);
        _keyframeSink = keyframeSink;
        _fps = framesPerSecond;
    }

    /// <summary>Takes ownership of <paramref name="frame"/>.</summary>
    public void Add(VideoFrame frame)
    {
        FrameMeasurement m;
        try
        {
            m = FrameAnalyzer.Analyze(frame);
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        _detector.Push(frame.Index, m.Signature);
        _delay.Enqueue((frame, m.Quality));
        _frameCount = frame.Index + 1;
        while (_delay.Count > _detector.MaxDelayFrames)
        {
            Assign(_delay.Dequeue());
        }
    }

    /// <summary>Closes the stream and returns the shots; <paramref name="durationSeconds"/> ends the last one.</summary>
    public IReadOnlyList<DetectedShot> Finish(double durationSeconds)
    {
        _detector.Finish();
        while (_delay.Count > 0)
        {
            Assign(_delay.Dequeue());
        }

        CloseShot();
        var boundaries = _detector.Boundaries;
        var shots = new List<DetectedShot>(boundaries.Count + 1);
        var end = Math.Max(durationSeconds, _frameCount / _fps);
        for (var i = 0; i <= boundaries.Count; i++)
        {
            var start = i == 0 ? 0 : boundaries[i - 1].TimeSeconds;
            var stop = i < boundaries.Count ? boundaries[i].TimeSeconds : end;
            var kind = i == 0 ? TransitionKind.Start : boundaries[i - 1].Kind;
            shots.Add(new DetectedShot(i, start, stop, kind, _keyframeTimes.TryGetValue(i, out var k) ? k : null));
        }

        return shots;
    }

    public void Dispose()
    {
        _best?.Dispose();
        _best = null;
        while (_delay.Count > 0)
        {
            _delay.Dequeue().Frame.Dispose();
        }
    }

    private void Assign((VideoFrame Frame, double Quality) item)
    {
        var shot = ShotOf(item.Frame.Index);
        if (shot != _currentShot)
        {
            CloseShot();
            _currentShot = shot;
        }

        if (_best is null || item.Quality > _bestQuality)
        {
            _best?.Dispose();
            _best = item.Frame;
            _bestQuality = item.Quality;
        }
        else
        {
            item.Frame.Dispose();
        }
    }

    private void CloseShot()
    {
        if (_best is null)
        {
            return;
        }

        using (_best)
        {
            _keyframeTimes[_currentShot] = _best.TimeSeconds;
            _keyframeSink(_currentShot, _best);
        }

        _best = null;
    }

    private int ShotOf(int frameIndex)
    {
        var boundaries = _detector.Boundaries;
        var shot = Math.Max(0, _currentShot);
        while (shot < boundaries.Count && boundaries[shot].FrameIndex <= frameIndex)
        {
            shot++;
        }

        return shot;
    }
}

/// <summary>A shot: index, start and end in seconds, how it begins, and the time of its keyframe (null only if no frame fell in it).</summary>
public sealed record DetectedShot(int Index, double StartSeconds, double EndSeconds, TransitionKind Transition, double? KeyframeSeconds);
