using System.Diagnostics;
using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;
using Cbvr.Ingest.Shots;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Bench;

/// <summary>
/// Compares the decode + shots stage exactly as ingest runs it (<see cref="ShotAnalyzer"/>: frames through the pipe, colour
/// signatures, shot detection, keyframe JPEGs written to files, audio to a file) with its floor: the same ffmpeg decode, same frames, rate, size and audio, written to the null muxer.
/// </summary>
public sealed class IngestBenchmark(MediaProber prober, ShotAnalyzer analyzer, FfmpegTools tools, IOptions<IngestOptions> options)
{
    /// <summary>Measures each file <paramref name="runs"/> times, alternating floor and stage, keeping the fastest of each.</summary>
    public async Task<IReadOnlyList<BenchResult>> RunAsync(IEnumerable<string> files, int runs, Action<BenchResult>? onResult, CancellationToken cancellationToken)
    {
        var results = new List<BenchResult>();
        var scratch = Directory.CreateTempSubdirectory("cbvr-bench-");
        try
        {
            foreach (var file in files)
            {
                var info = await prober.ProbeAsync(file, cancellationToken).ConfigureAwait(false);
                var audio = Path.Combine(scratch.FullName, "audio.wav");
                var plan = DecodePlan.Create(file, info, options.Value, audio);
                var floor = double.MaxValue;
                var stage = double.MaxValue;
                var shots = 0;
                for (var run = 0; run < runs; run++)
                {
                    floor = Math.Min(floor, await TimeFloorAsync(plan, cancellationToken).ConfigureAwait(false));
                    var clock = Stopwatch.StartNew();
                    var analysis = await analyzer.AnalyzeAsync(file, info, audio, (shot, jpeg) => File.WriteAllBytes(Path.Combine(scratch.FullName, $"shot-{shot}.jpg"), jpeg), null, null, cancellationToken).ConfigureAwait(false);
                    stage = Math.Min(stage, clock.Elapsed.TotalSeconds);
                    shots = analysis.Shots.Count;
                }

                var result = new BenchResult(file, info.DurationSeconds ?? 0, shots, floor, stage);
                results.Add(result);
                onResult?.Invoke(result);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return results;
    }

    private async Task<double> TimeFloorAsync(DecodePlan plan, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await ExternalProcess.RunAsync(tools.FfmpegPath, plan.Arguments(toNull: true), TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new IngestException($"ffmpeg floor run failed on {plan.InputPath}: {result.StandardError.LastOrDefault()}");
        }

        return clock.Elapsed.TotalSeconds;
    }
}

/// <summary>One file's figures: seconds of video, shots, and wall seconds of the floor and of the stage.</summary>
public sealed record BenchResult(string File, double VideoSeconds, int Shots, double FloorSeconds, double StageSeconds)
{
    /// <summary>Seconds of video per wall second, plain ffmpeg.</summary>
    public double FloorSpeed => VideoSeconds / FloorSeconds;

    /// <summary>Seconds of video per wall second, decode + shots.</summary>
    public double StageSpeed => VideoSeconds / StageSeconds;

    /// <summary>Stage time over floor time; the target is at most 1.5.</summary>
    public double Ratio => StageSeconds / FloorSeconds;
}
