using OpenCvSharp;

namespace Cbvr.Features.Extractors;

/// <summary>What is known of a video before its frames arrive.</summary>
public sealed record VideoContentInfo(string VideoId, string SourcePath, double FramesPerSecond);

/// <summary>A shot's span and keyframe time.</summary>
public sealed record ShotSpan(int Index, double StartSeconds, double EndSeconds, double? KeyframeSeconds);

/// <summary>
/// A video's analysable content once shots are known: shots, their keyframes (BGR, decoded from the stored JPEGs, null where a
/// shot has none; owned by this object) and the mono audio samples (null without audio).
/// </summary>
public sealed class VideoContent(VideoContentInfo info, double durationSeconds, IReadOnlyList<ShotSpan> shots, IReadOnlyList<Mat?> keyframes, float[]? audio, int sampleRate, string? audioPath) : IDisposable
{
    public VideoContentInfo Info { get; } = info;

    public string VideoId => Info.VideoId;

    public double DurationSeconds { get; } = durationSeconds;

    public IReadOnlyList<ShotSpan> Shots { get; } = shots;

    /// <summary>Keyframe of each shot, same order as <see cref="Shots"/>.</summary>
    public IReadOnlyList<Mat?> Keyframes { get; } = keyframes;

    public float[]? Audio { get; } = audio;

    public int SampleRate { get; } = sampleRate;

    public string? AudioPath { get; } = audioPath;

    public void Dispose()
    {
        foreach (var k in Keyframes)
        {
            k?.Dispose();
        }
    }
}
