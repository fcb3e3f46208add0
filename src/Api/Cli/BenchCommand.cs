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
        return bench;
    }

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
