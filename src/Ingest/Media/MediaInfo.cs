namespace Cbvr.Ingest.Media;

/// <summary>What ffprobe reports about a file, reduced to what ingest needs.</summary>
public sealed record MediaInfo(
    string Container,
    double? DurationSeconds,
    long? SizeBytes,
    long? BitRate,
    VideoStreamInfo? Video,
    AudioStreamInfo? Audio,
    int StreamCount);

/// <summary>The primary video stream. <see cref="Rotation"/> is clockwise degrees (0, 90, 180, 270).</summary>
public sealed record VideoStreamInfo(
    int Index,
    string Codec,
    int Width,
    int Height,
    double FramesPerSecond,
    int Rotation,
    double SampleAspectRatio,
    double? DurationSeconds,
    long? FrameCount)
{
    /// <summary>Width as displayed: pixel aspect applied, then rotation.</summary>
    public int DisplayWidth => Rotation is 90 or 270 ? Height : ScaledWidth;

    /// <summary>Height as displayed: pixel aspect applied, then rotation.</summary>
    public int DisplayHeight => Rotation is 90 or 270 ? ScaledWidth : Height;

    private int ScaledWidth => Math.Max(1, (int)Math.Round(Width * SampleAspectRatio));
}

/// <summary>The primary audio stream.</summary>
public sealed record AudioStreamInfo(int Index, string Codec, int SampleRate, int Channels);
