using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cbvr.Search.Evaluation.Med14;
using Cbvr.Search.Evaluation.Scoring;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr med score</c>: scores a MED14 submission as NIST's F4DE does (per-event table and Mean; CSV, JSON, PR and DET plots
/// with --out), or, with --qrels and --run, a TREC run against stratified sampled judgments (inferred AP). Bad files: exit 2.
/// </summary>
public static class MedScoreCommand
{
    private static readonly JsonSerializerOptions Json = new(Output.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static Command Create()
    {
        var reference = new Option<string?>("--ref") { Description = "MED14 Ref file (TrialID, Targ)" };
        var index = new Option<string?>("--index") { Description = "MED14 TrialIndex file (TrialID, ClipID, EventID)" };
        var detection = new Option<string?>("--detection") { Description = "MED14 detection file (TrialID, Score, Rank)" };
        var threshold = new Option<string?>("--threshold") { Description = "MED14 threshold file (8 columns)" };
        var qrels = new Option<string?>("--qrels") { Description = "sample_eval qrels (topic dummy docid stratum rel): score --run by inferred AP" };
        var run = new Option<string?>("--run") { Description = "TREC run (topic Q0 docid rank score runid), with --qrels" };
        var output = new Option<string?>("--out") { Description = "Folder for scores.csv, scores.json and (MED14) pr.png, det.png and one pair per event" };
        var json = CbvrCommandLine.Json();
        var command = new Command("score", "Score a MED14 submission exactly as NIST F4DE (DEVA_cli -p MED14) does, or a TREC run by inferred AP");
        foreach (var option in new Option[] { reference, index, detection, threshold, qrels, run, output, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (r, ct) =>
        {
            try
            {
                if (r.GetValue(qrels) is { } q)
                {
                    return r.GetValue(run) is { } runPath
                        ? ScoreInferred(q, runPath, r.GetValue(output), r.GetValue(json))
                        : await Fail("--qrels needs --run").ConfigureAwait(false);
                }

                string?[] paths = [r.GetValue(reference), r.GetValue(index), r.GetValue(detection), r.GetValue(threshold)];
                return paths.Any(p => p is null)
                    ? await Fail("give --ref, --index, --detection and --threshold (or --qrels and --run)").ConfigureAwait(false)
                    : await ScoreMed14(paths!, r.GetValue(output), r.GetValue(json), ct).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                return await Fail(e.Message).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> ScoreMed14(string[] paths, string? output, bool json, CancellationToken cancellationToken)
    {
        Med14Report report;
        try
        {
            report = Med14Scorer.Score(Med14Files.ReadRef(paths[0]), Med14Files.ReadTrialIndex(paths[1]), Med14Files.ReadDetection(paths[2]), Med14Files.ReadThreshold(paths[3]));
        }
        catch (Med14InputException e)
        {
            return await Fail($"{paths[(int)e.Input]}: {e.Message}").ConfigureAwait(false);
        }

        foreach (var warning in report.Warnings)
        {
            await Console.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        var document = JsonSerializer.Serialize(new { report.Events, report.MapPercent, report.Warnings }, Json);
        if (json)
        {
            Console.Out.WriteLine(document);
        }
        else
        {
            Console.Out.Write(Med14Table.Render(report));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MAP {F4deFormat.Fixed(report.MapPercent)}%"));
        }

        if (output is not null)
        {
            Directory.CreateDirectory(output);
            await File.WriteAllTextAsync(Path.Combine(output, "scores.csv"), Med14Table.Csv(report), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(output, "scores.json"), document + "\n", cancellationToken).ConfigureAwait(false);
            var pr = report.Events.Select(e => new PlotSeries(e.EventId, [.. e.PrecisionRecall.Select(p => (p.Recall, p.Precision))])).ToList();
            var det = report.Events.Select(e => new PlotSeries(e.EventId, [.. e.Det.Select(p => (p.FalseAlarmProbability, p.MissProbability))])).ToList();
            await File.WriteAllBytesAsync(Path.Combine(output, "pr.png"), CurvePlot.PrecisionRecall("Precision-recall", pr), cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(output, "det.png"), CurvePlot.Det("DET", det), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < report.Events.Count; i++)
            {
                var name = FileName(report.Events[i].EventId);
                await File.WriteAllBytesAsync(Path.Combine(output, $"pr.{name}.png"), CurvePlot.PrecisionRecall($"Precision-recall: {report.Events[i].EventId}", [pr[i]]), cancellationToken).ConfigureAwait(false);
                await File.WriteAllBytesAsync(Path.Combine(output, $"det.{name}.png"), CurvePlot.Det($"DET: {report.Events[i].EventId}", [det[i]]), cancellationToken).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"wrote {output}: scores.csv, scores.json, pr.png, det.png and {report.Events.Count} per-event pairs").ConfigureAwait(false);
        }

        return 0;
    }

    private static int ScoreInferred(string qrelsPath, string runPath, string? output, bool json)
    {
        var report = InferredAp.Score(TrecFiles.ReadQrels(qrelsPath), TrecFiles.ReadRun(runPath));
        foreach (var warning in report.Warnings)
        {
            Console.Error.WriteLine("warning: " + warning);
        }

        var document = JsonSerializer.Serialize(new { report.Topics, report.MeanInfAp, report.Warnings }, Json);
        if (json)
        {
            Console.Out.WriteLine(document);
        }
        else
        {
            Output.WriteTable(
                ["Topic", "infAP", "Est. relevant", "Retrieved"],
                report.Topics.Select(t => (IReadOnlyList<string>)[t.Topic, Output.Number(t.InfAp, "0.0000"), Output.Number(t.EstimatedRelevant, "0.0"), t.Retrieved.ToString(CultureInfo.InvariantCulture)])
                    .Append(["Mean", Output.Number(report.MeanInfAp, "0.0000"), "", ""]));
        }

        if (output is not null)
        {
            Directory.CreateDirectory(output);
            var csv = new StringBuilder("Topic,infAP,EstimatedRelevant,Retrieved\n");
            foreach (var t in report.Topics)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{t.Topic},{t.InfAp:R},{t.EstimatedRelevant:R},{t.Retrieved}\n");
            }

            csv.Append(CultureInfo.InvariantCulture, $"Mean,{report.MeanInfAp:R},,\n");
            File.WriteAllText(Path.Combine(output, "scores.csv"), csv.ToString());
            File.WriteAllText(Path.Combine(output, "scores.json"), document + "\n");
        }

        return 0;
    }

    private static string FileName(string eventId) =>
        string.Concat(eventId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static async Task<int> Fail(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message).ConfigureAwait(false);
        return 2;
    }
}
