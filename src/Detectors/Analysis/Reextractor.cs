using Cbvr.Detectors.Storage;
using Cbvr.Features.Extractors;
using Cbvr.Features.Store;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Detectors.Analysis;

/// <summary>What re-extraction did to one video.</summary>
public sealed record ReextractOutcome(string VideoId, IReadOnlyList<string> Ran, IReadOnlyList<string> UpToDate, IReadOnlyList<string> Failed);

/// <summary>
/// Recomputes analysis steps of catalogued videos: only the steps whose stored output was made by another extractor version or
/// model (or all named steps with <c>force</c>). Keyframe and audio steps work from the stored files; frame extractors decode
/// the source again, which must still exist.
/// </summary>
public sealed class Reextractor(
    AnalysisSteps steps,
    StepRunner runner,
    VideoCatalog videos,
    DetectionStore detections,
    DataDirectory data,
    MediaProber prober,
    FrameDecoder decoder,
    IOptions<IngestOptions> ingestOptions,
    ILogger<Reextractor> logger)
{
    /// <summary>Runs <paramref name="stepIds"/> (empty: every enabled step) on <paramref name="videoId"/>.</summary>
    public async Task<ReextractOutcome> RunAsync(string videoId, IReadOnlyCollection<string> stepIds, bool force, CancellationToken cancellationToken)
    {
        var video = videos.Find(videoId) ?? throw new InvalidOperationException($"no video {videoId} in the catalog");
        var unknown = stepIds.Where(s => !steps.Ids.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"unknown analysis step(s) {string.Join(", ", unknown)}; known: {string.Join(", ", steps.Ids)}");
        }

        bool Wanted(string id) => stepIds.Count == 0 || stepIds.Contains(id, StringComparer.OrdinalIgnoreCase);
        var recorded = detections.Steps(videoId).ToDictionary(s => s.Step);
        var folder = data.VideoFolder(videoId);
        var upToDate = new List<string>();
        bool Stale(string id, int version, string hash) =>
            force || !recorded.TryGetValue(id, out var r) || r.Status != StepRecord.Succeeded || r.Version != version || r.ModelHash != hash;

        var extractors = steps.RunnableExtractors.Where(e => Wanted(e.Id)).ToList();
        var staleExtractors = extractors.Where(e => Stale(e.Id, e.Version, e.ModelHash) || !FeaturesPresent(folder, e)).ToList();
        var detectorsToRun = steps.RunnableDetectors.Where(d => Wanted(d.Id)).ToList();
        var staleDetectors = detectorsToRun.Where(d => Stale(d.Id, d.Version, d.ModelHash)).ToList();
        upToDate.AddRange(extractors.Except(staleExtractors).Select(e => e.Id));
        upToDate.AddRange(detectorsToRun.Except(staleDetectors).Select(d => d.Id));
        if (staleExtractors.Count == 0 && staleDetectors.Count == 0)
        {
            return new ReextractOutcome(videoId, [], upToDate, []);
        }

        var info = new VideoContentInfo(videoId, video.Path, video.SampledFramesPerSecond);
        var runs = staleExtractors.Select(e => (e, e.Begin(info))).ToList();
        try
        {
            if (staleExtractors.Any(e => e.NeedsFrames))
            {
                await FeedFramesAsync(video, runs, cancellationToken).ConfigureAwait(false);
            }

            using var content = ContentLoader.Load(info, folder, video.DurationSeconds, videos.Shots(videoId));
            var results = await runner.RunAsync(content, folder, runs, staleDetectors, null, cancellationToken).ConfigureAwait(false);
            detections.InTransaction((connection, tx) => results.Commit(connection, tx, videoId));
            var failed = results.Steps.Where(s => s.Status == StepRecord.Failed).Select(s => $"{s.Step}: {s.Error}").ToList();
            logger.LogInformation("re-extracted {Steps} for {Video}", string.Join(", ", results.Steps.Select(s => s.Step)), videoId);
            return new ReextractOutcome(videoId, [.. results.Steps.Where(s => s.Status == StepRecord.Succeeded).Select(s => s.Step)], upToDate, failed);
        }
        finally
        {
            foreach (var (_, run) in runs)
            {
                run.Dispose();
            }
        }
    }

    /// <summary>
    /// Whether the extractor's blocks are on disk, or need not be: an audio extractor writes none for a video without audio
    /// (without this, every run would redo it on such videos).
    /// </summary>
    private static bool FeaturesPresent(string folder, IFeatureExtractor extractor) =>
        (extractor.NeedsAudio && !File.Exists(ContentLoader.AudioPath(folder)))
        || (Directory.Exists(FeatureStore.FolderIn(folder))
            && extractor.Features.All(f => Directory.EnumerateFiles(FeatureStore.FolderIn(folder), f + ".*.cbf").Any()));

    private async Task FeedFramesAsync(VideoRecord video, List<(IFeatureExtractor Extractor, IFeatureRun Run)> runs, CancellationToken cancellationToken)
    {
        if (!File.Exists(video.Path))
        {
            throw new InvalidOperationException($"{video.Path} is gone: frame features of video {video.Id} cannot be recomputed without its source");
        }

        var opts = ingestOptions.Value;
        var info = await prober.ProbeAsync(video.Path, cancellationToken).ConfigureAwait(false);
        var plan = DecodePlan.Create(video.Path, info, opts, null);
        var timeout = TimeSpan.FromSeconds(opts.DecodeTimeoutSeconds + (opts.DecodeTimeoutPerVideoSecond * video.DurationSeconds));
        await using var session = decoder.Start(plan, timeout, cancellationToken);
        await foreach (var frame in session.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                foreach (var (extractor, run) in runs)
                {
                    if (extractor.NeedsFrames)
                    {
                        run.OnFrame(frame);
                    }
                }
            }
        }

        var result = await session.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.FrameCount == 0)
        {
            throw new InvalidOperationException($"decoding {video.Path} again failed (exit {result.ExitCode}, {result.FrameCount} frames)");
        }
    }
}
