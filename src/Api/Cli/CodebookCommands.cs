using System.CommandLine;
using Cbvr.Detectors.Analysis;
using Cbvr.Features.Codebooks;
using Cbvr.Features.Extractors;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr codebooks learn</c>: learn the MFCC codebook from the library and encode every video with it; <c>cbvr codebooks</c>: show it.</summary>
public static class CodebookCommands
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var command = new Command("codebooks", "Show the learned codebooks (audio words)");
        var json = CbvrCommandLine.Json();
        command.Options.Add(json);
        command.SetAction(r =>
        {
            using var host = CliHost.Build(global(r));
            var info = host.Services.GetRequiredService<CodebookStore>().Load(MfccExtractor.FeatureName)?.Info;
            if (r.GetValue(json))
            {
                Output.WriteJson(info is null ? Array.Empty<CodebookInfo>() : [info]);
            }
            else
            {
                Console.Out.WriteLine(info is null ? "no codebook yet: cbvr codebooks learn" : Describe(info));
            }

            return 0;
        });
        command.Subcommands.Add(Learn(global));
        return command;
    }

    private static Command Learn(Func<ParseResult, GlobalOptions> global)
    {
        var clusters = new Option<int>("--clusters") { Description = "Codewords", DefaultValueFactory = _ => 64 };
        var eta = new Option<double>("--eta") { Description = "Balance strength η (γ = η c J0 / n²); 0: plain k-means", DefaultValueFactory = _ => 1.0 };
        var json = CbvrCommandLine.Json();
        var command = new Command("learn", "Learn the MFCC codebook with balanced k-means (compared with plain k-means) and encode every video");
        command.Options.Add(clusters);
        command.Options.Add(eta);
        command.Options.Add(json);
        command.SetAction(async (r, ct) =>
        {
            if (r.GetValue(clusters) is < 2 or > 4096 || r.GetValue(eta) < 0)
            {
                throw new InvalidOperationException("--clusters must be 2..4096 and --eta >= 0");
            }

            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            var (report, encoded) = await AudioCodebook.LearnAndEncodeAsync(host.Services, r.GetValue(clusters), r.GetValue(eta), ct).ConfigureAwait(false);
            if (r.GetValue(json))
            {
                Output.WriteJson(new { report.Info, report.Seconds, report.PlainSeconds, Encoded = encoded });
            }
            else
            {
                Console.Out.WriteLine(Describe(report.Info));
                Console.Out.WriteLine($"encoded {encoded} video(s) with it");
            }

            return 0;
        });
        return command;
    }

    private static string Describe(CodebookInfo i) =>
        $"{i.Feature}: {i.Method} k-means, {i.Clusters} codewords from {i.Descriptors} descriptors of {i.Videos} videos (hash {i.Hash}); "
        + $"cluster sizes max/min {Output.Number(i.Spread.MaxMinRatio)}, CV {Output.Number(i.Spread.CoefficientOfVariation)}"
        + (i.PlainSpread is { } p ? $"; plain k-means max/min {Output.Number(p.MaxMinRatio)}, CV {Output.Number(p.CoefficientOfVariation)}" : "")
        + (i.PlainDistortion is { } pd ? $"; distortion {Output.Number(i.Distortion, "0.0")} vs plain {Output.Number(pd, "0.0")}" : "");
}
