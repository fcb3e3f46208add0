using System.CommandLine;
using System.Globalization;
using Cbvr.Ingest.Bench;
using Cbvr.Ingest.Demo;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr bench ingest</c>: decode + shots speed against plain ffmpeg decoding the same frames (the floor).</summary>
public static class BenchCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var bench = new Command("bench", "End-to-end benchmarks");
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.ZeroOrMore, Description = "Video files (default: the demo corpus)" };
        var runs = new Option<int>("--runs") { Description = "Runs per file; the fastest counts", DefaultValueFactory = _ => 3 };
        var json = CbvrCommandLine.Json();
        var ingest = new Command("ingest", "Decode + shot detection speed vs. plain ffmpeg decoding (ratio target <= 1.5)");
        ingest.Arguments.Add(files);
        ingest.Options.Add(runs);
        ingest.Options.Add(json);
        ingest.SetAction((r, ct) => RunIngestAsync(global(r), r.GetValue(files) ?? [], Math.Max(1, r.GetValue(runs)), r.GetValue(json), ct));
        bench.Subcommands.Add(ingest);

        var featureFiles = new Argument<string[]>("files") { Arity = ArgumentArity.ZeroOrMore, Description = "Video files (default: the demo corpus)" };
        var featureJson = CbvrCommandLine.Json();
        var features = new Command("features", "Ingest with features and detectors into a scratch library: real-time factor, each step's speed, our calls vs bare model runs");
        features.Arguments.Add(featureFiles);
        features.Options.Add(featureJson);
        features.SetAction((r, ct) => RunFeaturesAsync(global(r), r.GetValue(featureFiles) ?? [], r.GetValue(featureJson), ct));
        bench.Subcommands.Add(features);
        bench.Subcommands.Add(SearchBenchCommand.Create());
        bench.Subcommands.Add(ApiBenchCommand.Create(global));
        bench.Subcommands.Add(PlaybackBenchCommand.Create(global));
        return bench;
    }

    private static async Task<int> RunFeaturesAsync(GlobalOptions global, string[] files, bool json, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("cbvr-bench-features-");
        try
        {
            using var host = await CliHost.StartAsync(global with { DataDirectory = scratch.FullName }, cancellationToken).ConfigureAwait(false);
            var services = host.Services;
            var inputs = files.Length > 0 ? files : [.. services.GetRequiredService<DemoCorpus>().Resolve().Where(c => c.File is not null).Select(c => c.File!)];
            if (inputs.Length == 0)
            {
                await Console.Error.WriteLineAsync("error: no input files (the demo corpus is missing: run the set-up script)").ConfigureAwait(false);
                return 1;
            }

            var report = await services.GetRequiredService<Cbvr.Detectors.Bench.FeatureBenchmark>().RunAsync(inputs, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                Output.WriteJson(report);
                return 0;
            }

            var inv = CultureInfo.InvariantCulture;
            Console.Out.WriteLine(string.Create(inv, $"cbvr bench features: {report.Files} files, {report.VideoSeconds:0.0} s of video, {report.Shots} shots, {report.Cores} cores, {report.ConcurrentJobs} job(s) at once, inference {report.Provider}"));
            Console.Out.WriteLine(string.Create(inv, $"end to end: {report.WallSeconds:0.0} s wall, {report.RealTimeFactor:0.0}x real time (decode+shots {report.DecodeSeconds:0.0} s, analysis {report.AnalysisSeconds:0.0} s)"));
            Console.Out.WriteLine("step         unit       items  step s   items/s  x real time  ours s  bare s  ours/bare  call/bare");
            foreach (var s in report.Steps)
            {
                Console.Out.WriteLine(string.Create(inv, $"{s.Step,-12} {s.Unit,-8} {s.Items,7:0}  {s.Seconds,6:0.00}  {s.ItemsPerSecond,8:0.0}  {s.RealTimeFactor,11:0.0}  {Opt(s.WrapperSeconds)}  {Opt(s.BareSeconds)}  {(s.WrapperRatio is { } q ? q.ToString("0.00", inv) : "-"),9}  {(s.CallRatio is { } c ? c.ToString("0.00", inv) : "-"),9}"));
            }

            return 0;
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Opt(double? seconds) => seconds is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(6) : "     -";

    private static async Task<int> RunIngestAsync(GlobalOptions global, string[] files, int runs, bool json, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(global);
        var services = host.Services;
        var inputs = files.Length > 0 ? files : [.. services.GetRequiredService<DemoCorpus>().Resolve().Where(c => c.File is not null).Select(c => c.File!)];
        if (inputs.Length == 0)
        {
            await Console.Error.WriteLineAsync("error: no input files (the demo corpus is missing: run the set-up script)").ConfigureAwait(false);
            return 1;
        }

        var options = services.GetRequiredService<IOptions<Cbvr.Ingest.IngestOptions>>().Value;
        var inv = CultureInfo.InvariantCulture;
        if (!json)
        {
            Console.Out.WriteLine(string.Create(inv, $"cbvr bench ingest: {inputs.Length} files, {runs} run(s) each (fastest kept), {options.FramesPerSecond} fps, short side {options.FrameShortSide} px, {Environment.ProcessorCount} cores"));
            Console.Out.WriteLine("video s  floor s  stage s  floor x  stage x  ratio  shots  file");
        }

        var results = await services.GetRequiredService<IngestBenchmark>().RunAsync(
            inputs,
            runs,
            json ? null : r => Console.Out.WriteLine(string.Create(inv, $"{r.VideoSeconds,7:0.0}  {r.FloorSeconds,7:0.00}  {r.StageSeconds,7:0.00}  {r.FloorSpeed,7:0.0}  {r.StageSpeed,7:0.0}  {r.Ratio,5:0.00}  {r.Shots,5}  {Path.GetFileName(r.File)}")),
            cancellationToken).ConfigureAwait(false);

        var video = results.Sum(r => r.VideoSeconds);
        var floor = results.Sum(r => r.FloorSeconds);
        var stage = results.Sum(r => r.StageSeconds);
        var ratio = stage / floor;
        if (json)
        {
            Output.WriteJson(new { files = results, videoSeconds = video, floorSeconds = floor, stageSeconds = stage, floorSpeed = video / floor, stageSpeed = video / stage, ratio });
        }
        else
        {
            Console.Out.WriteLine(string.Create(inv, $"{video,7:0.0}  {floor,7:0.00}  {stage,7:0.00}  {video / floor,7:0.0}  {video / stage,7:0.0}  {ratio,5:0.00}  {results.Sum(r => r.Shots),5}  TOTAL"));
            Console.Out.WriteLine(string.Create(inv, $"decode+shots: {video / stage:0.0} video s per wall s; plain ffmpeg (floor): {video / floor:0.0}; ratio {ratio:0.00} (target <= 1.5)"));
        }

        return 0;
    }
}
