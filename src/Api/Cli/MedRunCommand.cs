using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cbvr.Search.Evaluation;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr med run --kit DIR --condition 0Ex|1Ex|10Ex|100Ex --out DIR</c>: ingests the kit's collection (already ingested clips
/// are skipped), runs every event and writes the MED14 detection and threshold files, the recounting of the top hits and
/// run.json into OUT/RUNID/. A malformed kit exits 2 with the file, line and reason. Without <c>--data</c> the collection goes
/// into a library of its own in the temporary folder (cbvr-kit-NAME), as <c>cbvr fusion fit</c> does.
/// </summary>
public static class MedRunCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var kit = new Option<string>("--kit") { Description = "MED kit folder (EventDB.csv, events/, Examples_kEx.csv, ClipMD.csv, TrialIndex.csv, Ref.csv)", Required = true };
        var condition = new Option<string>("--condition") { Description = "0Ex (event text), 1Ex, 10Ex or 100Ex (example clips)", Required = true };
        condition.AcceptOnlyFromAmong("0Ex", "1Ex", "10Ex", "100Ex");
        var output = new Option<string>("--out") { Description = "Folder for the run (OUT/RUNID/...)", Required = true };
        var rerank = new Option<bool>("--rerank") { Description = "Self-paced reranking (the run id says PRF)" };
        var team = new Option<string>("--team") { Description = "Team name in the run id", DefaultValueFactory = _ => "CBVR" };
        var modality = new Option<string?>("--modality") { Description = "Only this modality (e.g. concepts, text, visual, resnet18, audio)" };
        var number = new Option<int>("--run-number") { Description = "Run number in the run id", DefaultValueFactory = _ => 1 };
        var json = CbvrCommandLine.Json();
        var command = new Command("run", "Run a MED kit's events (0Ex/kEx), writing MED14 detection, threshold and recounting files");
        foreach (var option in new Option[] { kit, condition, output, rerank, team, modality, number, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (r, ct) =>
        {
            var settings = new MedRunSettings(r.GetValue(condition)!, r.GetValue(rerank), r.GetValue(team)!, r.GetValue(modality), r.GetValue(number));
            return await MedCommand.RunKitVerbAsync(() => RunAsync(global(r), r.GetValue(kit)!, settings, r.GetValue(output)!, r.GetValue(json), ct)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, string kitFolder, MedRunSettings settings, string output, bool json, CancellationToken cancellationToken)
    {
        var kit = MedKit.Load(kitFolder);
        kit.RequireCondition(settings.Condition);
        var runId = settings.RunId(kit.Folder);
        var data = global.DataDirectory ?? Path.Combine(Path.GetTempPath(), "cbvr-kit-" + Path.GetFileName(kit.Folder));
        await Console.Error.WriteLineAsync($"library of the kit's collection: {data}").ConfigureAwait(false);
        using var host = await CliHost.StartAsync(global with { DataDirectory = Path.GetFullPath(data) }, cancellationToken).ConfigureAwait(false);
        var ingest = Stopwatch.StartNew();
        var clips = await KitIngest.RunAsync(host.Services, kit, cancellationToken).ConfigureAwait(false);
        var ingestSeconds = ingest.Elapsed.TotalSeconds;
        var runner = ActivatorUtilities.CreateInstance<MedRunner>(host.Services);
        var inv = CultureInfo.InvariantCulture;
        var result = await runner.RunAsync(kit, clips, settings, ingestSeconds, json ? null : e => Console.Out.WriteLine(Summary(kit, e)), cancellationToken).ConfigureAwait(false);
        var folder = MedRunWriter.Write(result, output);
        if (json)
        {
            Output.WriteJson(new
            {
                result.RunId,
                Folder = folder,
                Detection = MedRunWriter.DetectionFile(folder, runId),
                Threshold = MedRunWriter.ThresholdFile(folder, runId),
                IngestSeconds = ingestSeconds,
                result.TotalSeconds,
                Events = result.Events.Select(e => new { e.EventId, e.Targets, Trials = e.Detection.Count, e.Unmatched, e.Threshold, Top = e.Recounting.Take(5).Select(h => h.ClipId) }),
            });
            return 0;
        }

        Console.Out.WriteLine(string.Create(inv, $"run {result.RunId}: {result.Events.Count} events, {result.Events.Sum(e => e.Detection.Count)} trials in {result.TotalSeconds:0.0} s (ingest {ingestSeconds:0.0} s)"));
        Console.Out.WriteLine($"detection: {MedRunWriter.DetectionFile(folder, runId)}");
        Console.Out.WriteLine($"threshold: {MedRunWriter.ThresholdFile(folder, runId)}");
        Console.Out.WriteLine($"recounting: {Path.Combine(folder, "recounting")}; settings and timings: {Path.Combine(folder, "run.json")}");
        return 0;
    }

    /// <summary>One line per event: targets, the top 5 (a target marked *), how many the threshold returns, the stage times.</summary>
    private static string Summary(MedKit kit, MedEventRun e)
    {
        var top = e.Recounting.Take(5).Select(h => h.ClipId + (kit.Positives.Contains((h.ClipId, e.EventId)) ? "*" : ""));
        var t = e.Threshold;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{e.EventId} {e.EventName}: {e.Targets} targets of {e.Detection.Count} trials; top {string.Join(' ', top)}; returned {t.RankThreshold - 1}; " +
            $"detect {t.DetectionTpt * 3600:0.000} s, agent {t.EagTpt * 3600:0.000} s, examples {t.EmdTpt * 3600:0.000} s");
    }
}
