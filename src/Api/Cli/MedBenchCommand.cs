using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cbvr.Search.Evaluation;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr med bench --kit DIR [--out DIR] [--json]</c>: the MED dev benchmark in one command (<see cref="MedBench"/>): ingests the
/// kit once, runs every condition with and without reranking, each single modality and a random ranking, writes each as a MED14
/// run and scores the files written as F4DE does. Prints AP% per event × run with MAP, the random expectation, and the mean
/// processing times per event. Without <c>--out</c> the run folders go to a temporary folder that is deleted afterwards.
/// </summary>
public static class MedBenchCommand
{
    private static readonly JsonSerializerOptions Json = new(Output.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var kit = new Option<string>("--kit") { Description = "MED kit folder (EventDB.csv, events/, Examples_kEx.csv, ClipMD.csv, TrialIndex.csv, Ref.csv)", Required = true };
        var output = new Option<string?>("--out") { Description = "Keep every run folder (MED14 files, recounting, scores.csv) here" };
        var json = CbvrCommandLine.Json();
        var command = new Command("bench", "MED dev benchmark: 0Ex/kEx with and without PRF, single modalities and random, each written as a MED14 run and scored as F4DE does");
        foreach (var option in new Option[] { kit, output, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (r, ct) =>
        {
            return await MedCommand.RunKitVerbAsync(() => RunAsync(global(r), r.GetValue(kit)!, r.GetValue(output), r.GetValue(json), ct)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, string kitFolder, string? output, bool json, CancellationToken cancellationToken)
    {
        var kit = MedKit.Load(kitFolder);
        var data = global.DataDirectory ?? Path.Combine(Path.GetTempPath(), "cbvr-kit-" + Path.GetFileName(kit.Folder));
        await Console.Error.WriteLineAsync($"library of the kit's collection: {data}").ConfigureAwait(false);
        var folder = output ?? Path.Combine(Path.GetTempPath(), "cbvr-med-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = await CliHost.StartAsync(global with { DataDirectory = Path.GetFullPath(data) }, cancellationToken).ConfigureAwait(false);
            var ingest = Stopwatch.StartNew();
            var clips = await KitIngest.RunAsync(host.Services, kit, cancellationToken).ConfigureAwait(false);
            var bench = new MedBench(ActivatorUtilities.CreateInstance<MedRunner>(host.Services));
            var report = await bench.RunAsync(
                kit, clips, folder, ingest.Elapsed.TotalSeconds,
                run => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name}: MAP {run.Scores.MapPercent:0.00}% ({run.RunId}, {run.Seconds:0.0} s)")),
                cancellationToken).ConfigureAwait(false);
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(Document(report, output is null ? null : Path.GetFullPath(folder)), Json));
            }
            else
            {
                Print(report);
            }

            return 0;
        }
        finally
        {
            if (output is null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static object Document(MedBenchReport report, string? folder) => new
    {
        report.Kit,
        Folder = folder,
        report.Targets,
        report.RandomExpectedApPercent,
        report.RandomExpectedMapPercent,
        Runs = report.Runs.Select(r => new
        {
            r.Name,
            r.RunId,
            Folder = folder is null ? null : r.Folder,
            r.Settings,
            r.Scores.MapPercent,
            ApPercent = r.Scores.Events.ToDictionary(e => e.EventId, e => e.ApPercent),
            Events = r.Scores.Events,
            MeanSeconds = new { DetectionTpt = r.MeanSeconds(t => t.DetectionTpt), EagTpt = r.MeanSeconds(t => t.EagTpt), EmdTpt = r.MeanSeconds(t => t.EmdTpt) },
            r.Seconds,
            r.Scores.Warnings,
        }),
    };

    private static void Print(MedBenchReport report)
    {
        var names = report.Runs.Select(r => r.Name).ToList();
        var events = report.Targets.Keys.Order(StringComparer.Ordinal).ToList();
        string Ap(MedBenchRun run, string e) => run.Scores.Events.FirstOrDefault(s => s.EventId == e) is { } s ? Output.Number(s.ApPercent, "0.0") : "";
        Console.Out.WriteLine("AP% per event (MED14 scoring, as F4DE); 'random' is a seeded random permutation, 'E[random]' the expected AP% of one");
        Output.WriteTable(
            ["EVENT", "TARG", .. names, "E[random]"],
            [
                .. events.Select(e => (IReadOnlyList<string>)[e, report.Targets[e].ToString(CultureInfo.InvariantCulture), .. report.Runs.Select(r => Ap(r, e)), report.RandomExpectedApPercent.TryGetValue(e, out var x) ? Output.Number(x, "0.0") : ""]),
                ["MAP", "", .. report.Runs.Select(r => Output.Number(r.Scores.MapPercent, "0.0")), Output.Number(report.RandomExpectedMapPercent, "0.0")],
            ]);
        Console.Out.WriteLine();
        Console.Out.WriteLine("Mean processing time per event (seconds; the threshold files' TPTs)");
        Output.WriteTable(
            ["RUN", "DetectionTPT", "EAGTPT", "EMDTPT", "run id"],
            report.Runs.Select(r => (IReadOnlyList<string>)[r.Name, Output.Number(r.MeanSeconds(t => t.DetectionTpt), "0.000"), Output.Number(r.MeanSeconds(t => t.EagTpt), "0.000"), Output.Number(r.MeanSeconds(t => t.EmdTpt), "0.000"), r.RunId]));
    }
}
