using System.CommandLine;
using Cbvr.Detectors.Concepts;
using Cbvr.Detectors.Storage;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr concepts list|train|remove</c>: the concept bank and concepts trained from examples.</summary>
public static class ConceptCommands
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var command = new Command("concepts", "The concept bank: list concepts, train a concept from example videos or shots, remove one");
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Train(global));
        command.Subcommands.Add(Remove(global));
        return command;
    }

    private static Command List(Func<ParseResult, GlobalOptions> global)
    {
        var detector = new Option<string?>("--detector") { Description = "Only this detector's concepts (imagenet, coco, voc, faces, speech, user)" };
        var trained = new Option<bool>("--trained") { Description = "Only trained concepts" };
        var json = CbvrCommandLine.Json();
        var command = new Command("list", "List the concepts with synonyms and descriptions");
        command.Options.Add(detector);
        command.Options.Add(trained);
        command.Options.Add(json);
        command.SetAction(async (r, ct) =>
        {
            // The bank reflects this build's detectors and the configured model pack.
            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            var concepts = host.Services.GetRequiredService<ConceptBank>().List(r.GetValue(detector), r.GetValue(trained) ? BankConcept.Trained : null);
            var models = host.Services.GetRequiredService<TrainedConceptStore>().List().ToDictionary(c => c.Id);
            if (r.GetValue(json))
            {
                Output.WriteJson(concepts.Select(c => new
                {
                    c.Id, c.Detector, c.Name, c.Synonyms, c.Description, c.Kind,
                    CrossValidatedAp = models.TryGetValue(c.Id, out var m) ? m.CrossValidatedAp : (double?)null,
                }));
                return 0;
            }

            Output.WriteTable(
                ["ID", "NAME", "SYNONYMS", "KIND"],
                concepts.Select(c => (IReadOnlyList<string>)[c.Id, c.Name, string.Join(", ", c.Synonyms), c.Kind + (models.TryGetValue(c.Id, out var m) ? $" (CV AP {Output.Number(m.CrossValidatedAp, "0.000")})" : "")]));
            return 0;
        });
        return command;
    }

    private static Command Train(Func<ParseResult, GlobalOptions> global)
    {
        var name = new Argument<string>("name") { Description = "Concept name (letters, digits, '_' or '-'; spaces become '_')" };
        var positive = new Option<string[]>("--positive", "-p") { Description = "Positive example: VIDEO (id or prefix: every shot) or VIDEO:SHOT (repeatable)", AllowMultipleArgumentsPerToken = true, Required = true };
        var negative = new Option<string[]>("--negative", "-n") { Description = "Negative example, same forms (default: shots of other videos, sampled)", AllowMultipleArgumentsPerToken = true };
        var description = new Option<string>("--description") { Description = "What the concept is (used to match query words)", DefaultValueFactory = _ => "" };
        var json = CbvrCommandLine.Json();
        var command = new Command("train", "Train a concept from examples with self-paced logistic regression and score every video with it");
        command.Arguments.Add(name);
        command.Options.Add(positive);
        command.Options.Add(negative);
        command.Options.Add(description);
        command.Options.Add(json);
        command.SetAction(async (r, ct) =>
        {
            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            var report = host.Services.GetRequiredService<ConceptTrainer>().Train(r.GetValue(name)!, r.GetValue(positive) ?? [], r.GetValue(negative) ?? [], r.GetValue(description)!);
            var c = report.Concept;
            if (r.GetValue(json))
            {
                Output.WriteJson(new { c.Id, c.Name, c.PositiveShots, c.NegativeShots, c.CrossValidatedAp, c.ChanceAp, report.VideosScored });
            }
            else
            {
                Console.Out.WriteLine($"trained {c.Id} on {c.PositiveShots} positive and {c.NegativeShots} negative shots: cross-validated AP {Output.Number(c.CrossValidatedAp, "0.000")} (chance {Output.Number(c.ChanceAp, "0.000")}); scored {report.VideosScored} video(s)");
            }

            return 0;
        });
        return command;
    }

    private static Command Remove(Func<ParseResult, GlobalOptions> global)
    {
        var name = new Argument<string>("name") { Description = "Trained concept name" };
        var command = new Command("remove", "Remove a trained concept and its scores");
        command.Arguments.Add(name);
        command.SetAction(async (r, ct) =>
        {
            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            if (!host.Services.GetRequiredService<ConceptTrainer>().Remove(r.GetValue(name)!))
            {
                await Console.Error.WriteLineAsync($"error: no trained concept '{r.GetValue(name)}'").ConfigureAwait(false);
                return 1;
            }

            return 0;
        });
        return command;
    }
}
