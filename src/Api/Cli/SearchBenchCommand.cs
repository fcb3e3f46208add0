using System.CommandLine;
using System.Globalization;
using Cbvr.Search.Bench;
using Cbvr.Search.Vectors;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr bench search</c>: query latency, scan throughput vs the memory floor, ANN recall and event-model speed at 10K-1M videos.</summary>
public static class SearchBenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Collection sizes, comma-separated", DefaultValueFactory = _ => "10000,100000,1000000" };
        var json = CbvrCommandLine.Json();
        var command = new Command("search", "Synthetic collections of 10K, 100K and 1M videos: concept, text, exact and ANN vector queries, 100-example event model, memory-bandwidth floor");
        command.Options.Add(sizes);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var counts = r.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1000 ? n : throw new InvalidOperationException($"--sizes: '{s}' is not a count of at least 1000")).ToList();
            var quiet = r.GetValue(json);
            var results = new List<SearchBenchResult>();
            foreach (var count in counts)
            {
                var result = SearchBenchmark.Run(count, new AnnOptions(), quiet ? null : m => Console.Error.WriteLine("bench search: " + m));
                results.Add(result);
                if (!quiet)
                {
                    Print(result);
                }
            }

            if (quiet)
            {
                Output.WriteJson(results);
            }

            return 0;
        });
        return command;
    }

    private static void Print(SearchBenchResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = Console.Out;
        o.WriteLine(string.Create(inv, $"{r.Videos:N0} videos, {r.Dimensions}-d vectors, {Environment.ProcessorCount} cores; build s: {string.Join(", ", r.BuildSeconds.Select(b => $"{b.Key} {b.Value:0.0}"))}, ANN {r.AnnBuildSeconds:0.0}"));
        Output.WriteTable(
            ["QUERY", "N", "P50 MS", "P99 MS", "RECALL@10"],
            r.Latencies.Select(l => (IReadOnlyList<string>)[l.Query, l.Queries.ToString(inv), l.P50Ms.ToString("0.000", inv), l.P99Ms.ToString("0.000", inv), l.RecallAt10 is { } x ? x.ToString("0.000", inv) : "-"]));
        o.WriteLine(string.Create(inv, $"exact scan {r.ExactScanBytesPerSecond / 1e9:0.00} GB/s vs plain memory read {r.MemoryReadBytesPerSecond / 1e9:0.00} GB/s: {r.ScanShareOfFloor:P0} of the floor (target >= 60%)"));
        o.WriteLine(string.Create(inv, $"100-example event model: train {r.EventModelTrainSeconds * 1000:0} ms + score all {r.EventModelScoreSeconds * 1000:0} ms = {(r.EventModelTrainSeconds + r.EventModelScoreSeconds):0.000} s"));
        o.WriteLine("index bytes per video: " + string.Join(", ", r.IndexBytesPerVideo.Select(b => string.Create(inv, $"{b.Key} {b.Value:0}"))));
        o.WriteLine();
    }
}
