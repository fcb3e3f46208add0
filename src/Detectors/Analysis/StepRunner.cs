using System.Diagnostics;
using Cbvr.Detectors.Storage;
using Cbvr.Features.Extractors;
using Cbvr.Features.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cbvr.Detectors.Analysis;

/// <summary>Outcome of running analysis steps on one video: step records, detector results, timings, warnings; committed with <see cref="Commit"/>.</summary>
public sealed class StepResults
{
    public List<StepRecord> Steps { get; } = [];

    public Dictionary<string, IReadOnlyList<ShotDetections>> Detections { get; } = [];

    public Dictionary<string, long> TimingsMs { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Commit(SqliteConnection connection, SqliteTransaction tx, string videoId)
    {
        foreach (var (detector, detections) in Detections)
        {
            DetectionStore.Write(connection, tx, videoId, detector, detections);
        }

        foreach (var step in Steps)
        {
            DetectionStore.WriteStep(connection, tx, videoId, step);
        }
    }
}

/// <summary>
/// Runs extractor runs and then detectors on one video's content, each step on its own: a failing step is recorded with its
/// error and the others go on. Shared by ingest and re-extraction.
/// </summary>
public sealed class StepRunner(ILogger<StepRunner> logger)
{
    public async Task<StepResults> RunAsync(
        VideoContent content,
        string videoFolder,
        IReadOnlyList<(IFeatureExtractor Extractor, IFeatureRun Run)> extractorRuns,
        IReadOnlyList<IShotDetector> detectors,
        Action<string, int, int>? progress,
        CancellationToken cancellationToken)
    {
        var results = new StepResults();
        var total = extractorRuns.Count + detectors.Count;
        var done = 0;
        var featuresFolder = FeatureStore.FolderIn(videoFolder);
        foreach (var (extractor, run) in extractorRuns)
        {
            progress?.Invoke(extractor.Id, done, total);
            await Run(results, extractor.Id, extractor.Version, extractor.ModelHash, content.VideoId, () =>
            {
                run.Complete(content, featuresFolder, cancellationToken);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            done++;
        }

        var input = new DetectionInput(
            content.VideoId,
            content.Info.SourcePath,
            content.DurationSeconds,
            [.. content.Shots.Select((s, i) => new ShotInput(s.Index, s.StartSeconds, s.EndSeconds, s.KeyframeSeconds, content.Keyframes[i]))],
            content.Audio is null ? null : new AudioTrack(content.Audio, content.SampleRate, content.AudioPath!),
            featuresFolder);

        async Task RunDetectorsAsync(IEnumerable<IShotDetector> lane)
        {
            foreach (var detector in lane)
            {
                progress?.Invoke(detector.Id, Volatile.Read(ref done), total);
                await Run(results, detector.Id, detector.Version, detector.ModelHash, content.VideoId, async () =>
                {
                    var found = await detector.DetectAsync(input, cancellationToken).ConfigureAwait(false);
                    lock (results)
                    {
                        results.Detections[detector.Id] = found;
                    }
                }, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref done);
            }
        }

        // Detectors that wait on a single-threaded process run beside the others.
        var beside = Task.Run(() => RunDetectorsAsync(detectors.Where(d => d.RunsBeside)), cancellationToken);
        try
        {
            await RunDetectorsAsync(detectors.Where(d => !d.RunsBeside)).ConfigureAwait(false);
        }
        finally
        {
            await beside.ConfigureAwait(false);
        }

        progress?.Invoke("done", total, total);
        return results;
    }

    private async Task Run(StepResults results, string id, int version, string hash, string videoId, Func<Task> step, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        StepRecord record;
        try
        {
            await step().ConfigureAwait(false);
            record = new StepRecord(id, version, hash, StepRecord.Succeeded, null, clock.ElapsedMilliseconds, DateTimeOffset.UtcNow);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // One failing step (a damaged track, a model error) must not cost the video or the other steps.
            logger.LogWarning(e, "analysis step {Step} failed on video {Video}", id, videoId);
            record = new StepRecord(id, version, hash, StepRecord.Failed, e.Message, clock.ElapsedMilliseconds, DateTimeOffset.UtcNow);
        }

        lock (results)
        {
            results.Steps.Add(record);
            results.TimingsMs[id] = record.DurationMs;
            if (record.Error is { } error)
            {
                results.Warnings.Add($"{id} failed: {error}");
            }
        }
    }
}
