using System.Diagnostics;
using System.Text.Json;
using Cbvr.Detectors.Analysis;
using Cbvr.Features.Deep;
using Cbvr.Features.Extractors;
using Cbvr.Features.Inference;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Cbvr.Detectors.Bench;

/// <summary>One analysis step's speed: items (frames, keyframes or audio seconds) per second, real-time factor, and our call vs the bare model loop.</summary>
/// <remarks>
/// <c>WrapperRatio</c> is the whole step (preprocessing, model, postprocessing) on 32 keyframes against the bare model loop doing the
/// same runs; <c>CallRatio</c> is only Cbvr's model call (<c>OnnxModel.Run</c>) against the bare loop on the same prepared input.
/// </remarks>
public sealed record StepBench(string Step, string Unit, double Items, double Seconds, double ItemsPerSecond, double RealTimeFactor, double? WrapperSeconds, double? BareSeconds, double? WrapperRatio, double? CallRatio);

/// <summary>End-to-end ingest with analysis: real-time factor, where the time goes, and each step's speed.</summary>
public sealed record FeatureBenchReport(
    int Files, double VideoSeconds, double WallSeconds, double RealTimeFactor, double DecodeSeconds, double AnalysisSeconds, int Shots,
    IReadOnlyList<StepBench> Steps, string Provider, int Cores, int ConcurrentJobs);

/// <summary>
/// <c>cbvr bench features</c>: ingests files with the configured analysis steps into the (scratch) library of this host and
/// reports the real-time factor; then times each model step on the same keyframes against a bare <c>session.Run</c> loop.
/// </summary>
public sealed class FeatureBenchmark(
    IngestQueue queue,
    VideoCatalog videos,
    AnalysisSteps steps,
    InferenceHost inference,
    ResNetEmbedder resnet,
    IOptions<Cbvr.Ingest.IngestOptions> ingestOptions,
    IOptions<Cbvr.Features.ModelOptions> modelOptions,
    Cbvr.Ingest.DataDirectory data)
{
    private static readonly Dictionary<string, string> ModelOfStep = new()
    {
        ["imagenet"] = "imagenet",
        ["coco"] = "coco",
        ["voc"] = "voc",
        ["faces"] = "blazeface",
    };

    public async Task<FeatureBenchReport> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var ids = files.Select(queue.Enqueue).ToList();
        var jobs = new List<JobRecord>();
        foreach (var id in ids)
        {
            jobs.Add(await queue.WaitAsync(id, cancellationToken).ConfigureAwait(false));
        }

        var wall = clock.Elapsed.TotalSeconds;
        var done = jobs.Where(j => j.Status == JobStatus.Succeeded).ToList();
        var records = done.Select(j => videos.Find(j.VideoId!)!).ToList();
        var timings = done.Select(j => JsonSerializer.Deserialize<Dictionary<string, long>>(j.Timings ?? "{}")!).ToList();
        var videoSeconds = records.Sum(v => v.DurationSeconds);
        var audioSeconds = records.Where(v => v.HasAudio).Sum(v => v.DurationSeconds);
        var shots = records.Sum(v => v.ShotCount);
        var frames = records.Sum(v => v.DurationSeconds * v.SampledFramesPerSecond);
        double Ms(string key) => timings.Sum(t => t.TryGetValue(key, out var v) ? v : 0) / 1000.0;

        var results = new List<StepBench>();
        var keyframes = LoadKeyframes(records, 32);
        try
        {
            foreach (var step in steps.Describe().Where(s => s.Runs))
            {
                var (unit, items) = step.Id switch
                {
                    "visual" => ("frame", frames),
                    "mfcc" or "mfcc-words" or "speech" or "asr" => ("audio s", audioSeconds),
                    _ => ("keyframe", (double)shots),
                };
                // Frame extractors work while ingest decodes ("STEP:frames"), then pool at the end ("STEP").
                var seconds = Ms("analysis:" + step.Id) + Ms("analysis:" + step.Id + ":frames");
                if (seconds <= 0)
                {
                    continue; // nothing to do here (e.g. no trained concept yet)
                }

                var (wrapper, bare, call) = await CompareAsync(step.Id, keyframes, cancellationToken).ConfigureAwait(false);
                results.Add(new StepBench(
                    step.Id, unit, items, seconds, items / seconds, videoSeconds / seconds,
                    wrapper, bare, wrapper is { } w && bare is > 0 ? w / bare : null, call));
            }
        }
        finally
        {
            foreach (var k in keyframes)
            {
                k.Dispose();
            }
        }

        return new FeatureBenchReport(
            records.Count, videoSeconds, wall, videoSeconds / wall, Ms("decode"), Ms("analysis"), shots, results,
            inference.ProviderDescription, Environment.ProcessorCount, ingestOptions.Value.MaxConcurrentJobs);
    }

    /// <summary>Our step on <paramref name="keyframes"/> vs the bare session loop doing the same number of model runs.</summary>
    private async Task<(double? Wrapper, double? Bare, double? Call)> CompareAsync(string step, IReadOnlyList<Mat> keyframes, CancellationToken cancellationToken)
    {
        if (keyframes.Count == 0)
        {
            return (null, null, null);
        }

        if (step == ResNetExtractor.FeatureName)
        {
            resnet.Embed(keyframes.Take(1).ToList());
            var clock = Stopwatch.StartNew();
            resnet.Embed(keyframes);
            var ours = clock.Elapsed.TotalSeconds;
            var runs = (keyframes.Count + resnet.BatchSize - 1) / resnet.BatchSize;
            return (ours, resnet.BenchmarkBareRuns(keyframes.Take(resnet.BatchSize).ToList(), runs).TotalSeconds, null);
        }

        if (!ModelOfStep.TryGetValue(step, out var modelName) || inference.Registry.Find(modelName) is not { } entry)
        {
            return (null, null, null);
        }

        var detector = steps.Detectors.Single(d => d.Id == step);
        var input = new DetectionInput("bench", "", keyframes.Count, [.. keyframes.Select((k, i) => new ShotInput(i, i, i + 1, i + 0.5, k))], null);
        await detector.DetectAsync(input, cancellationToken).ConfigureAwait(false);
        var timer = Stopwatch.StartNew();
        await detector.DetectAsync(input, cancellationToken).ConfigureAwait(false);
        var wrapper = timer.Elapsed.TotalSeconds;
        var model = inference.Load(entry);
        var dynamicBatch = model.Session.InputMetadata.Values.First().Dimensions[0] < 0;
        var batch = dynamicBatch ? Math.Min(modelOptions.Value.BatchSize, keyframes.Count) : 1;
        var modelRuns = dynamicBatch ? (keyframes.Count + batch - 1) / batch : keyframes.Count;
        var bare = SessionLoop.Time(model.Session, batch, modelRuns);
        var call = SessionLoop.TimeWrapper(model, batch, modelRuns) / SessionLoop.Time(model.Session, batch, modelRuns);
        return (wrapper, bare, call);
    }

    /// <summary>Up to <paramref name="count"/> keyframes of the ingested videos, cycled when there are fewer shots.</summary>
    private List<Mat> LoadKeyframes(IReadOnlyList<VideoRecord> records, int count)
    {
        var paths = records.SelectMany(v => videos.Shots(v.Id).Where(s => s.KeyframeFile is not null).Select(s => Path.Combine(data.VideoFolder(v.Id), s.KeyframeFile!))).ToList();
        return paths.Count == 0 ? [] : [.. Enumerable.Range(0, count).Select(i => Cv2.ImRead(paths[i % paths.Count], ImreadModes.Color))];
    }
}
