using System.Diagnostics;
using Cbvr.Features.Extractors;
using Cbvr.Ingest.Analysis;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Shots;

namespace Cbvr.Detectors.Analysis;

/// <summary>The analysis ingest runs on every video: the enabled extractors (fed frames while decoding), then the enabled detectors.</summary>
public sealed class ContentAnalyzer(AnalysisSteps steps, StepRunner runner) : IIngestAnalyzer
{
    public IVideoAnalysisSession Begin(AnalysisRequest request)
    {
        var info = new VideoContentInfo(request.VideoId, request.SourcePath, request.FramesPerSecond);
        var runs = new List<(IFeatureExtractor, IFeatureRun)>();
        foreach (var extractor in steps.RunnableExtractors)
        {
            runs.Add((extractor, extractor.Begin(info)));
        }

        return new Session(request, info, runs, [.. steps.RunnableDetectors], runner);
    }

    private sealed class Session(AnalysisRequest request, VideoContentInfo info, List<(IFeatureExtractor Extractor, IFeatureRun Run)> runs, IReadOnlyList<IShotDetector> detectors, StepRunner runner) : IVideoAnalysisSession
    {
        // Time spent on frames during the decode, per extractor: part of the step's cost, reported with it.
        private readonly Dictionary<string, long> _frameTicks = [];

        public void OnFrame(VideoFrame frame)
        {
            foreach (var (extractor, run) in runs)
            {
                if (extractor.NeedsFrames)
                {
                    var start = Stopwatch.GetTimestamp();
                    run.OnFrame(frame);
                    _frameTicks[extractor.Id] = _frameTicks.GetValueOrDefault(extractor.Id) + (Stopwatch.GetTimestamp() - start);
                }
            }
        }

        public async Task<AnalysisResult> CompleteAsync(ShotAnalysis analysis, IReadOnlyList<ShotRecord> shots, Action<string, int, int> progress, CancellationToken cancellationToken)
        {
            using var content = ContentLoader.Load(info, request.Folder, shots.Count == 0 ? 0 : shots[^1].EndSeconds, shots);
            var results = await runner.RunAsync(content, request.Folder, runs, detectors, progress, cancellationToken).ConfigureAwait(false);
            foreach (var (id, ticks) in _frameTicks)
            {
                results.TimingsMs[id + ":frames"] = (long)Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
            }

            return new AnalysisResult((connection, tx) => results.Commit(connection, tx, request.VideoId), results.TimingsMs, results.Warnings);
        }

        public void Dispose()
        {
            foreach (var (_, run) in runs)
            {
                run.Dispose();
            }
        }
    }
}
