using System.CommandLine;
using System.Globalization;
using Cbvr.Api.Bench;

namespace Cbvr.Api.Cli;

/// <summary>
/// <c>cbvr bench api</c>: a bounded load test on loopback. Clients search a scratch copy of the library through the real server
/// while a clip is uploaded and ingested; prints throughput, latency percentiles, errors, the ingest and the floors.
/// Exits 1 when any request failed or the ingest did not succeed.
/// </summary>
public static class ApiBenchCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent clients", DefaultValueFactory = _ => 50 };
        var seconds = new Option<double>("--seconds") { Description = "Length of the load in seconds", DefaultValueFactory = _ => 60 };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Api:SearchRequestsPerSecond per client address for the bench server (0: off)", DefaultValueFactory = _ => 0 };
        var queries = new Option<string?>("--queries") { Description = "File of requests, one a line: GET /path, POST /path JSON, or a text query (default: a mix drawn from the library)" };
        var ingest = new Option<string[]>("--ingest") { Description = "Clips to upload during the load (default: a demo clip new to the library, or one made new)", AllowMultipleArgumentsPerToken = true };
        var floorSeconds = new Option<double?>("--floor-seconds") { Description = "Length of each floor measurement (default: a sixth of --seconds, 1 to 10 s)" };
        var json = CbvrCommandLine.Json();
        var command = new Command("api", "Load test on loopback: clients search a scratch copy of the library while a clip is ingested; throughput, p50/p99, errors, floors");
        foreach (var option in new Option[] { clients, seconds, rateLimit, queries, ingest, floorSeconds, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (r, ct) =>
        {
            var length = r.GetValue(seconds);
            var options = new ApiBenchOptions(
                r.GetValue(clients) is var n and >= 1 ? n : throw new InvalidOperationException("--clients must be at least 1"),
                length > 0 ? length : throw new InvalidOperationException("--seconds must be positive"),
                Math.Max(0, r.GetValue(rateLimit)),
                r.GetValue(queries),
                [.. (r.GetValue(ingest) ?? []).Select(Path.GetFullPath)],
                r.GetValue(floorSeconds) ?? Math.Clamp(length / 6, 1, 10));
            var quiet = r.GetValue(json);
            var report = await ApiLoadBenchmark.RunAsync(global(r), options, m => Console.Error.WriteLine("bench api: " + m), ct).ConfigureAwait(false);
            if (quiet)
            {
                Output.WriteJson(report);
            }
            else
            {
                Print(report);
            }

            var ok = report.Errors == 0 && report.Ingest.All(i => i.Succeeded);
            if (!ok)
            {
                await Console.Error.WriteLineAsync($"bench api: {report.Errors} failed request(s); ingest {string.Join(", ", report.Ingest.Select(i => i.Status))}").ConfigureAwait(false);
            }

            return ok ? 0 : 1;
        });
        return command;
    }

    private static void Print(ApiBenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = Console.Out;
        o.WriteLine(string.Create(inv, $"cbvr bench api: {r.Library} ({r.Videos} videos; scratch copy in {r.CopySeconds:0.0} s), {r.Clients} clients for {r.Seconds:0.0} s, {r.Queries} requests in the mix, search rate limit {(r.RateLimit > 0 ? r.RateLimit + "/s per client" : "off")}, {r.Cores} cores"));
        o.WriteLine();
        Output.WriteTable(Header("REQUESTS"), [.. r.Kinds.Select(Row), Row(new KindStats("all", r.Requests, r.Errors, r.Throughput, r.Overall))]);
        o.WriteLine();
        Output.WriteTable(Header("WINDOW"), r.Phases.Select(Row));
        o.WriteLine();
        foreach (var i in r.Ingest)
        {
            o.WriteLine(string.Create(inv, $"ingest: {Path.GetFileName(i.File)} ({i.Bytes / 1e6:0.0} MB) uploaded at {i.StartSeconds:0.0} s, job {i.JobId?.ToString(inv) ?? "-"} {i.Status} after {i.WallSeconds:0.0} s{(i.Error is { } e ? ": " + e : "")}"));
        }

        o.WriteLine(string.Create(inv, $"errors: {r.Errors} of {r.Requests} requests (target 0)"));
        foreach (var message in r.ErrorMessages)
        {
            o.WriteLine("  " + message);
        }

        o.WriteLine();
        o.WriteLine(string.Create(inv, $"floors, {r.Floors.Seconds:0.#} s each, after the load (searches only; no HTTP for in-process):"));
        Output.WriteTable(Header("FLOOR"), [Row(r.Floors.InProcessSingle), Row(r.Floors.InProcessConcurrent), Row(r.Floors.HealthHttp)]);
    }

    private static string[] Header(string first) => [first == "REQUESTS" ? "KIND" : first, "REQUESTS", "ERRORS", "REQ/S", "MEAN MS", "P50 MS", "P90 MS", "P99 MS", "MAX MS"];

    private static IReadOnlyList<string> Row(KindStats k)
    {
        var inv = CultureInfo.InvariantCulture;
        var l = k.Latency;
        return [k.Kind, k.Requests.ToString(inv), k.Errors.ToString(inv), k.Throughput.ToString("0.0", inv), l.MeanMs.ToString("0.0", inv), l.P50Ms.ToString("0.0", inv), l.P90Ms.ToString("0.0", inv), l.P99Ms.ToString("0.0", inv), l.MaxMs.ToString("0.0", inv)];
    }
}
