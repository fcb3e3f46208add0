using System.CommandLine;
using Cbvr.Detectors.Analysis;
using Cbvr.Features.Inference;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr analysis</c> (which steps run, and why not) and <c>cbvr reextract</c> (recompute stale or named steps).</summary>
public static class AnalysisCommands
{
    public static Command Steps(Func<ParseResult, GlobalOptions> global)
    {
        var json = CbvrCommandLine.Json();
        var command = new Command("analysis", "List the analysis steps (feature extractors and detectors), whether they run, and the inference provider");
        command.Options.Add(json);
        command.SetAction(r =>
        {
            using var host = CliHost.Build(global(r));
            host.Services.GetRequiredService<InferenceHost>().Registry.Verify();
            var steps = host.Services.GetRequiredService<AnalysisSteps>().Describe();
            var provider = host.Services.GetRequiredService<InferenceHost>().ProviderDescription;
            if (r.GetValue(json))
            {
                Output.WriteJson(new { Provider = provider, Steps = steps });
                return 0;
            }

            Console.Out.WriteLine("inference: " + provider);
            Output.WriteTable(
                ["STEP", "KIND", "VERSION", "MODEL", "STATE"],
                steps.Select(s => (IReadOnlyList<string>)[
                    s.Id, s.Kind, s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ModelHash.Length == 0 ? "-" : s.ModelHash,
                    s.Runs ? "on" : !s.Enabled ? "switched off" : "off: " + s.DisabledReason]));
            return 0;
        });
        return command;
    }

    public static Command Reextract(Func<ParseResult, GlobalOptions> global)
    {
        var feature = new Option<string[]>("--feature", "--step") { Description = "Step to recompute (repeatable; default: every enabled step)", AllowMultipleArgumentsPerToken = true };
        var video = new Option<string[]>("--video") { Description = "Video id or unique prefix (repeatable; default: every video)", AllowMultipleArgumentsPerToken = true };
        var force = new Option<bool>("--force") { Description = "Recompute even when the stored output is up to date" };
        var json = CbvrCommandLine.Json();
        var command = new Command("reextract", "Recompute features and detector results made by an older extractor, detector or model");
        command.Options.Add(feature);
        command.Options.Add(video);
        command.Options.Add(force);
        command.Options.Add(json);
        command.SetAction(async (r, ct) =>
        {
            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            var catalog = host.Services.GetRequiredService<VideoCatalog>();
            var ids = new List<string>();
            foreach (var wanted in r.GetValue(video) ?? [])
            {
                ids.Add(catalog.FindByPrefix(wanted)?.Id ?? throw new InvalidOperationException($"no video with id '{wanted}'"));
            }

            if (ids.Count == 0)
            {
                ids.AddRange(catalog.AllIds());
            }

            var reextractor = host.Services.GetRequiredService<Reextractor>();
            var outcomes = new List<ReextractOutcome>();
            var failures = 0;
            foreach (var id in ids)
            {
                var outcome = await reextractor.RunAsync(id, r.GetValue(feature) ?? [], r.GetValue(force), ct).ConfigureAwait(false);
                outcomes.Add(outcome);
                failures += outcome.Failed.Count;
                if (!r.GetValue(json))
                {
                    Console.Out.WriteLine($"{id[..12]}  ran: {Join(outcome.Ran)}  up to date: {Join(outcome.UpToDate)}{(outcome.Failed.Count > 0 ? "  failed: " + string.Join("; ", outcome.Failed) : "")}");
                }
            }

            if (r.GetValue(json))
            {
                Output.WriteJson(outcomes);
            }

            return failures > 0 ? 1 : 0;
        });
        return command;
    }

    private static string Join(IReadOnlyList<string> items) => items.Count == 0 ? "-" : string.Join(",", items);
}
