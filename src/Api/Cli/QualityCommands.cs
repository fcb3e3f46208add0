using System.CommandLine;
using System.Globalization;
using Cbvr.Search.Evaluation;
using Cbvr.Search.Queries;
using Cbvr.Search.Ranking;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr fusion fit</c> (fusion weights learnt on a kit, cross-validated across events; the kit's MAP table is
/// <c>cbvr med bench</c>'s). Without <c>--data</c> the kit's
/// collection goes into a library of its own in the temporary folder (cbvr-kit-NAME), kept for the next run.
/// </summary>
public static class QualityCommands
{
    public static Command Fusion(Func<ParseResult, GlobalOptions> global)
    {
        var kit = KitOption();
        var condition = new Option<string>("--condition") { Description = "0Ex (text queries) or 1Ex (example queries)", DefaultValueFactory = _ => MedEvaluation.ZeroExample };
        condition.AcceptOnlyFromAmong(MedEvaluation.ZeroExample, MedEvaluation.OneExample);
        var save = new Option<bool>("--save") { Description = "Store the weights in DATA/fusion.json (used by every later search of that kind)" };
        var fit = new Command("fit", "Learn late-fusion weights on a labelled MED kit by coordinate ascent on the simplex; reports leave-one-event-out MAP");
        fit.Options.Add(kit);
        fit.Options.Add(condition);
        fit.Options.Add(save);
        fit.SetAction(async (r, ct) =>
        {
            var (host, medKit, clips) = await OpenAsync(global(r), r.GetValue(kit)!, ct).ConfigureAwait(false);
            using (host)
            {
                var evaluation = host.Services.GetRequiredService<MedEvaluation>();
                var queries = new List<LabelledQuery>();
                foreach (var e in medKit.Events)
                {
                    var query = await evaluation.LabelledAsync(medKit, e, clips, r.GetValue(condition)!, ct).ConfigureAwait(false);
                    if (query.Relevant.Any(x => x) && query.Modalities.Count > 0)
                    {
                        queries.Add(query);
                    }
                }

                var result = FusionWeightFitter.Fit(queries, ScoreNormalization.ZScore);
                var inv = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(inv, $"{queries.Count} events; MAP single modality: {string.Join(", ", result.SingleModalityMap.Select(m => $"{m.Key} {m.Value:0.000}"))}"));
                Console.Out.WriteLine(string.Create(inv, $"equal weights MAP {result.EqualWeightsMap:0.000}; fitted weights, leave-one-event-out MAP {result.CrossValidatedMap:0.000}"));
                Console.Out.WriteLine("weights: " + string.Join(", ", result.Weights.Select(w => $"{w.Key} {Output.Number(w.Value)}")));
                if (r.GetValue(save))
                {
                    var kind = r.GetValue(condition) == MedEvaluation.ZeroExample ? FusionWeights.TextQueries : FusionWeights.ExampleQueries;
                    var weights = host.Services.GetRequiredService<FusionWeights>();
                    weights.Write(kind, result.Weights);
                    Console.Out.WriteLine($"saved to {weights.FilePath} for {kind} queries");
                }

                return 0;
            }
        });
        var command = new Command("fusion", "Late-fusion weights");
        command.Subcommands.Add(fit);
        return command;
    }

    private static Option<string> KitOption() => new("--kit") { Description = "MED kit folder (EventDB.csv, events/, Examples_1Ex.csv, ClipMD.csv, Ref.csv)", Required = true };

    private static async Task<(IHost Host, MedKit Kit, IReadOnlyDictionary<string, string> Clips)> OpenAsync(GlobalOptions global, string kitFolder, CancellationToken cancellationToken)
    {
        MedKit kit;
        try
        {
            kit = MedKit.Load(kitFolder);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        var data = global.DataDirectory ?? Path.Combine(Path.GetTempPath(), "cbvr-kit-" + Path.GetFileName(kit.Folder));
        await Console.Error.WriteLineAsync($"library of the kit's collection: {data}").ConfigureAwait(false);
        var host = await CliHost.StartAsync(global with { DataDirectory = Path.GetFullPath(data) }, cancellationToken).ConfigureAwait(false);
        try
        {
            var clips = await KitIngest.RunAsync(host.Services, kit, cancellationToken).ConfigureAwait(false);
            return (host, kit, clips);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
