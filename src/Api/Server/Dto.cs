using Cbvr.Ingest.Catalog;

namespace Cbvr.Api;

/// <summary>A video in listings.</summary>
public sealed record VideoSummaryDto(
    string Id, string FileName, string Path, double DurationSeconds, int Width, int Height, double FramesPerSecond, string Container,
    string VideoCodec, string? AudioCodec, bool HasAudio, int Rotation, int ShotCount, long SizeBytes, DateTimeOffset IngestedAt,
    int FrameWidth, int FrameHeight, double SampledFramesPerSecond, VideoAnalysisDto? Analysis = null);

/// <summary>A concept in a video or shot: id, display name, best score, the shot of that score, in how many shots, most objects seen at once.</summary>
public sealed record ConceptDto(string Concept, string Name, double Score, int Shot, int Shots, int? Count);

/// <summary>A text found in a video (OCR line or ASR word) with its time.</summary>
public sealed record TextDto(string Source, int Shot, double StartSeconds, double EndSeconds, string Text, double Confidence);

/// <summary>An analysis step's outcome for a video.</summary>
public sealed record StepDto(string Step, string Status, string? Error, long DurationMs, int Version, string ModelHash);

/// <summary>What analysis found in a video: its top concepts, the on-screen text (OCR) and the transcript (ASR), and the steps' outcomes.</summary>
public sealed record VideoAnalysisDto(IReadOnlyList<ConceptDto> TopConcepts, string OcrText, string Transcript, IReadOnlyList<StepDto> Steps);

/// <summary>A shot with its keyframe's address.</summary>
public sealed record ShotDto(
    int Index, double StartSeconds, double EndSeconds, string Transition, double? KeyframeSeconds, string? KeyframeUrl,
    IReadOnlyList<ConceptDto>? Concepts = null, IReadOnlyList<TextDto>? Texts = null);

/// <summary>A video with its locations and shots.</summary>
public sealed record VideoDetailDto(VideoSummaryDto Video, IReadOnlyList<string> Locations, IReadOnlyList<ShotDto> Shots);

/// <summary>
/// An ingest job; <c>TimingsMs</c> holds the milliseconds of each stage (hash, probe, decode, analysis and each analysis step as
/// <c>analysis:STEP</c>, commit, total); <c>Stage</c> is the step a running job is in.
/// </summary>
public sealed record JobDto(
    long Id, string Path, string Status, string? VideoId, double Progress, double DoneSeconds, double? TotalSeconds, string? Error,
    string? Warnings, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Attempts,
    IReadOnlyDictionary<string, long>? TimingsMs, string? Stage = null);

/// <summary>Maps catalog records to the shapes the API and <c>--json</c> print.</summary>
public static class Dto
{
    public static VideoSummaryDto From(VideoRecord v) => new(
        v.Id, v.FileName, v.Path, v.DurationSeconds, v.Width, v.Height, v.FramesPerSecond, v.Container, v.VideoCodec, v.AudioCodec,
        v.HasAudio, v.Rotation, v.ShotCount, v.SizeBytes, v.IngestedAt, v.FrameWidth, v.FrameHeight, v.SampledFramesPerSecond);

    public static ShotDto From(string videoId, ShotRecord s) => new(
        s.Index, s.StartSeconds, s.EndSeconds, s.Transition.ToString().ToLowerInvariant(), s.KeyframeSeconds,
        s.KeyframeFile is null ? null : $"/api/videos/{videoId}/shots/{s.Index}/keyframe.jpg");

    public static VideoDetailDto Detail(VideoRecord v, IReadOnlyList<string> locations, IReadOnlyList<ShotRecord> shots) =>
        new(From(v), locations, [.. shots.Select(s => From(v.Id, s))]);

    public static JobDto From(JobRecord j) => new(
        j.Id, j.Path, j.Status.ToString().ToLowerInvariant(), j.VideoId,
        j.Status is JobStatus.Succeeded or JobStatus.Skipped ? 1 : j.TotalSeconds is > 0 ? Math.Clamp(j.DoneSeconds / j.TotalSeconds.Value, 0, 1) : 0,
        j.DoneSeconds, j.TotalSeconds, j.Error, j.Warnings, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Attempts,
        j.Timings is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(j.Timings));
}
