using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Cbvr.Ingest.Analysis;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;
using Cbvr.Ingest.Shots;
using Cbvr.Ingest.Sources;
using Microsoft.Extensions.Logging;

namespace Cbvr.Ingest.Jobs;

/// <summary>
/// Ingests one file: check the path, hash the bytes (the id), skip known content, probe, decode sampled frames and audio
/// in one ffmpeg run, detect shots and keep keyframes in a staging folder, then move the folder into place and commit the
/// catalog rows and the job's success in one transaction. Until that commit nothing of the video is visible.
/// </summary>
public sealed class IngestPipeline(
    SourcePolicy sources,
    MediaProber prober,
    ShotAnalyzer analyzer,
    CatalogDatabase database,
    VideoCatalog videos,
    JobStore jobs,
    DataDirectory data,
    ILogger<IngestPipeline> logger,
    IIngestAnalyzer? contentAnalyzer = null)
{
    /// <summary>Marker file inside a video folder that is not committed yet; holds the job id.</summary>
    public const string UncommittedMarker = ".uncommitted-job";

    /// <summary>
    /// Runs job <paramref name="jobId"/> for <paramref name="path"/>; reports (stage, seconds done, seconds total), where decoding
    /// takes the first half of the seconds and analysis the second when an analyzer is registered.
    /// </summary>
    public async Task<JobStatus> RunAsync(long jobId, string path, Action<string, double, double> progress, CancellationToken cancellationToken)
    {
        var staging = data.StagingFolder(jobId);
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, long>();
        try
        {
            var source = sources.Check(path);
            var before = new FileInfo(source);
            var id = await HashAsync(source, cancellationToken).ConfigureAwait(false);
            timings["hash"] = clock.ElapsedMilliseconds;

            if (videos.Find(id) is { } known)
            {
                videos.AddLocation(id, source);
                jobs.Finish(jobId, JobStatus.Skipped, videoId: id, warnings: $"already ingested as {id} ({known.Path})");
                return JobStatus.Skipped;
            }

            var info = await prober.ProbeAsync(source, cancellationToken).ConfigureAwait(false);
            timings["probe"] = clock.ElapsedMilliseconds - timings["hash"];
            var totalSeconds = info.DurationSeconds ?? info.Video!.DurationSeconds ?? 0;
            var decodeShare = contentAnalyzer is null ? 1.0 : 0.5;
            progress("decode", 0, totalSeconds);

            RecreateFolder(staging);
            var keyframes = Directory.CreateDirectory(Path.Combine(staging, "keyframes")).FullName;
            var audioPath = info.Audio is null ? null : Path.Combine(staging, "audio.wav");
            var decodeStart = clock.ElapsedMilliseconds;
            using var session = contentAnalyzer?.Begin(new AnalysisRequest(id, source, info, staging, audioPath, analyzer.FramesPerSecond));
            var analysis = await analyzer.AnalyzeAsync(
                source,
                info,
                audioPath,
                (shot, jpeg) => File.WriteAllBytes(Path.Combine(keyframes, KeyframeFile(shot)), jpeg),
                session is null ? null : session.OnFrame,
                (done, total) => progress("decode", done * decodeShare, total),
                cancellationToken).ConfigureAwait(false);
            timings["decode"] = clock.ElapsedMilliseconds - decodeStart;
            var (plan, shots, warnings) = (analysis.Plan, analysis.Shots, analysis.Warnings.ToList());

            var after = new FileInfo(source);
            if (!after.Exists)
            {
                throw new IngestException("file was deleted while it was being ingested");
            }

            if (after.Length != before.Length || after.LastWriteTimeUtc != before.LastWriteTimeUtc)
            {
                throw new IngestException("file changed while it was being ingested; ingest it again once it is complete");
            }

            var duration = ReconcileDuration(info, analysis.DecodedSeconds, plan.FramesPerSecond, warnings);
            var shotRecords = ShotRecords(shots, duration);
            AnalysisResult? content = null;
            if (session is not null)
            {
                var analysisStart = clock.ElapsedMilliseconds;
                content = await session.CompleteAsync(
                    analysis,
                    shotRecords,
                    (step, done, total) => progress("analysis: " + step, totalSeconds * (decodeShare + ((1 - decodeShare) * done / Math.Max(1, total))), totalSeconds),
                    cancellationToken).ConfigureAwait(false);
                timings["analysis"] = clock.ElapsedMilliseconds - analysisStart;
                foreach (var (step, ms) in content.TimingsMs)
                {
                    timings["analysis:" + step] = ms;
                }

                warnings.AddRange(content.Warnings);
            }

            var record = new VideoRecord(
                id, source, Path.GetFileName(source), after.Length, info.Container, duration,
                info.Video!.Width, info.Video.Height, info.Video.FramesPerSecond, info.Video.Codec, info.Audio?.Codec,
                info.Video.Rotation, info.Audio is not null, plan.Width, plan.Height, plan.FramesPerSecond, DateTimeOffset.UtcNow, shots.Count);
            var commitStart = clock.ElapsedMilliseconds;
            if (!Commit(jobId, record, shotRecords, content, staging, plan, warnings, timings, commitStart, clock))
            {
                TryDelete(staging);
                videos.AddLocation(id, source);
                jobs.Finish(jobId, JobStatus.Skipped, videoId: id, warnings: $"already ingested as {id} by another job");
                return JobStatus.Skipped;
            }

            logger.LogInformation("ingested {Path} as {Id}: {Duration:0.0} s, {Shots} shots in {Elapsed} ms", source, id, duration, shots.Count, clock.ElapsedMilliseconds);
            return JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TryDelete(staging);
            jobs.Finish(jobId, JobStatus.Cancelled, error: "cancelled");
            return JobStatus.Cancelled;
        }
        catch (IngestException e)
        {
            TryDelete(staging);
            jobs.Finish(jobId, JobStatus.Failed, error: e.Message);
            logger.LogWarning("ingest failed: {Path}: {Cause}", path, e.Message);
            return JobStatus.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException or Microsoft.Data.Sqlite.SqliteException)
        {
            TryDelete(staging);
            jobs.Finish(jobId, JobStatus.Failed, error: e.Message);
            logger.LogError(e, "ingest failed: {Path}", path);
            return JobStatus.Failed;
        }
    }

    /// <summary>Content id: the first 128 bits of SHA-256 over the file's bytes, as 32 hex digits.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The header's duration unless the stream contradicts it: a stream far shorter than its header means a damaged file.</summary>
    private static double ReconcileDuration(MediaInfo info, double measured, double fps, List<string> warnings)
    {
        if (info.DurationSeconds is not { } header || header <= 0)
        {
            return measured;
        }

        var resolution = 2 / fps;
        if (measured + resolution < header * 0.5)
        {
            throw new IngestException(string.Create(
                CultureInfo.InvariantCulture,
                $"the stream ends at {measured:0.0} s but the header claims {TimeSpan.FromSeconds(header):c} (damaged or truncated file)"));
        }

        if (Math.Abs(measured - header) > Math.Max(resolution, header * 0.05))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"header duration {header:0.0} s, decoded {measured:0.0} s; using the decoded length"));
            return measured;
        }

        return header;
    }

    /// <summary>
    /// Moves the staged folder into place and commits, under SQLite's write lock so that two processes ingesting the same
    /// content cannot both win. False when the video was committed by another job meanwhile.
    /// </summary>
    private bool Commit(long jobId, VideoRecord video, IReadOnlyList<ShotRecord> shots, AnalysisResult? content, string staging, DecodePlan plan, List<string> warnings, Dictionary<string, long> timings, long commitStart, Stopwatch clock)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        using (var exists = connection.Command("SELECT 1 FROM videos WHERE id = $id", tx, ("$id", video.Id)))
        {
            if (exists.ExecuteScalar() is not null)
            {
                return false;
            }
        }

        var target = data.VideoFolder(video.Id);
        File.WriteAllText(Path.Combine(staging, UncommittedMarker), jobId.ToString(CultureInfo.InvariantCulture));
        TryDelete(target);
        Directory.Move(staging, target);
        try
        {
            CommitRows(connection, tx, jobId, video, shots, content, plan, warnings, timings, commitStart, clock);
        }
        catch
        {
            TryDelete(target);
            throw;
        }

        File.Delete(Path.Combine(target, UncommittedMarker));
        return true;
    }

    private static List<ShotRecord> ShotRecords(IReadOnlyList<DetectedShot> shots, double duration) =>
        [.. shots.Select(s => new ShotRecord(
            s.Index, s.StartSeconds, Math.Min(s.EndSeconds, duration) is var end && end > s.StartSeconds ? end : s.EndSeconds,
            s.Transition, s.KeyframeSeconds, s.KeyframeSeconds is null ? null : "keyframes/" + KeyframeFile(s.Index)))];

    private static void CommitRows(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction tx, long jobId, VideoRecord video, IReadOnlyList<ShotRecord> shots, AnalysisResult? content, DecodePlan plan, List<string> warnings, Dictionary<string, long> timings, long commitStart, Stopwatch clock)
    {
        VideoCatalog.Insert(connection, tx, video, shots, plan.Width, plan.Height);
        content?.Commit(connection, tx);
        timings["commit"] = clock.ElapsedMilliseconds - commitStart;
        timings["total"] = clock.ElapsedMilliseconds;
        using (var finish = JobStore.FinishCommand(
            connection, tx, jobId, JobStatus.Succeeded, null, video.Id,
            warnings.Count == 0 ? null : string.Join("; ", warnings),
            JsonSerializer.Serialize(timings),
            video.DurationSeconds))
        {
            finish.ExecuteNonQuery();
        }

        tx.Commit();
    }

    public static string KeyframeFile(int shot) => "shot-" + shot.ToString("D5", CultureInfo.InvariantCulture) + ".jpg";

    private static void RecreateFolder(string folder)
    {
        TryDelete(folder);
        Directory.CreateDirectory(folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // left for the start-up clean-up
        }
    }
}
