using Cbvr.Ingest.Shots;

namespace Cbvr.Ingest.Catalog;

/// <summary>A catalogued video. <see cref="Id"/> is the content hash, so the same bytes under another name are the same video.</summary>
public sealed record VideoRecord(
    string Id,
    string Path,
    string FileName,
    long SizeBytes,
    string Container,
    double DurationSeconds,
    int Width,
    int Height,
    double FramesPerSecond,
    string VideoCodec,
    string? AudioCodec,
    int Rotation,
    bool HasAudio,
    int FrameWidth,
    int FrameHeight,
    double SampledFramesPerSecond,
    DateTimeOffset IngestedAt,
    int ShotCount);

/// <summary>A shot of a video with its keyframe (file relative to the video's folder).</summary>
public sealed record ShotRecord(int Index, double StartSeconds, double EndSeconds, TransitionKind Transition, double? KeyframeSeconds, string? KeyframeFile);

/// <summary>State of an ingest job.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Skipped,
    Failed,
    Cancelled,
}

/// <summary>An ingest job: one source file, its status, progress (seconds of video done of total), and error or warnings.</summary>
public sealed record JobRecord(
    long Id,
    string Path,
    JobStatus Status,
    string? VideoId,
    double? TotalSeconds,
    double DoneSeconds,
    string? Error,
    string? Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    string? Timings)
{
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Skipped or JobStatus.Failed or JobStatus.Cancelled;
}
