using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;
using Cbvr.Ingest.Shots;
using Microsoft.Data.Sqlite;

namespace Cbvr.Ingest.Analysis;

/// <summary>
/// Content analysis that runs inside an ingest job (features and detectors, implemented by later layers). Ingest calls
/// <see cref="Begin"/> before decoding, feeds the session every sampled frame, then completes it once shots and keyframes
/// are in the staging folder; the result's rows are written in the same transaction as the video.
/// </summary>
public interface IIngestAnalyzer
{
    IVideoAnalysisSession Begin(AnalysisRequest request);
}

/// <summary>The analysis of one video during its ingest job.</summary>
public interface IVideoAnalysisSession : IDisposable
{
    /// <summary>Each sampled frame, in time order, on the decode thread; the frame must not be kept after the call.</summary>
    void OnFrame(VideoFrame frame);

    /// <summary>
    /// Runs the remaining steps on the video's shots (keyframes and audio are in <see cref="AnalysisRequest.Folder"/>). A failing
    /// step is recorded in the result and the others go on; only cancellation throws.
    /// </summary>
    Task<AnalysisResult> CompleteAsync(ShotAnalysis analysis, IReadOnlyList<ShotRecord> shots, Action<string, int, int> progress, CancellationToken cancellationToken);
}

/// <summary>A video to analyse: its id, source file, probe, staging folder (the video's folder-to-be) and audio file.</summary>
public sealed record AnalysisRequest(string VideoId, string SourcePath, MediaInfo Info, string Folder, string? AudioPath, double FramesPerSecond);

/// <summary>What analysis produced: rows to commit with the video, per-step timings, and warnings (failed steps).</summary>
public sealed record AnalysisResult(Action<SqliteConnection, SqliteTransaction> Commit, IReadOnlyDictionary<string, long> TimingsMs, IReadOnlyList<string> Warnings);
