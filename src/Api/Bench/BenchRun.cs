using System.Diagnostics;
using Cbvr.Api.Cli;
using Cbvr.Search.Queries;

namespace Cbvr.Api.Bench;

/// <summary>One run against a started bench server: warm-up, the load with the ingest inside it, then the floors.</summary>
internal sealed class BenchRun(WebApplication app, HttpClient client, ApiBenchOptions options, Action<string>? progress)
{
    private static readonly BenchQuery Health = new("health", HttpMethod.Get, "/health/live", null, null);

    public async Task<ApiBenchReport> RunAsync(string source, double copySeconds, IReadOnlyList<string> ingestFiles, CancellationToken cancellationToken)
    {
        var (videos, queries) = ApiLoadBenchmark.Workload(app, options);
        progress?.Invoke($"{videos} videos, {queries.Count} requests in the mix; warming up");
        // Every distinct request once: query texts are embedded once and cached, so cold ones would slow the first window.
        foreach (var query in queries.DistinctBy(q => q.ToString()))
        {
            await SendAsync(query, cancellationToken).ConfigureAwait(false);
        }

        // Then all clients for a few seconds, not counted: the thread pool grows to the load before the clock starts.
        var warm = TimeSpan.FromSeconds(Math.Min(5, options.Seconds / 10));
        await LoadRunner.RunAsync(options.Clients, warm, queries.Count, (i, ct) => SendAsync(queries[i], ct), Stopwatch.StartNew(), new ErrorLog(), cancellationToken).ConfigureAwait(false);
        progress?.Invoke($"{options.Clients} clients for {options.Seconds:0} s; ingest of {string.Join(", ", ingestFiles.Select(Path.GetFileName))} from {options.Seconds * ApiBenchOptions.IngestStartShare:0} s");
        var clock = Stopwatch.StartNew();
        var errors = new ErrorLog();
        var load = LoadRunner.RunAsync(options.Clients, TimeSpan.FromSeconds(options.Seconds), queries.Count, (i, ct) => SendAsync(queries[i], ct), clock, errors, cancellationToken);
        var ingest = IngestAsync(ingestFiles, clock, cancellationToken);
        var buffers = await load.ConfigureAwait(false);
        var loadTicks = clock.ElapsedTicks;
        var loadSeconds = clock.Elapsed.TotalSeconds;
        if (!ingest.IsCompleted)
        {
            progress?.Invoke("load done; waiting for the ingest to end");
        }

        var outcomes = await ingest.ConfigureAwait(false);
        var ingestStart = Ticks(outcomes.Min(o => o.StartSeconds));
        var ingestEnd = Ticks(outcomes.Max(o => o.StartSeconds + o.WallSeconds));
        var overall = LoadSummary.Of("all", buffers, _ => true, loadSeconds);

        progress?.Invoke($"floors: {options.FloorSeconds:0.#} s each");
        var floors = await FloorsAsync(queries, cancellationToken).ConfigureAwait(false);
        return new ApiBenchReport(
            source, videos, copySeconds, options.Clients, loadSeconds, options.RateLimit, Environment.ProcessorCount, queries.Count,
            overall.Requests, overall.Errors, overall.Throughput, overall.Latency,
            LoadSummary.ByKind(buffers, queries, loadSeconds),
            LoadSummary.Phases(buffers, 0, loadTicks, ingestStart, ingestEnd),
            errors.Messages, outcomes, floors);
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    private async Task<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<string> files, Stopwatch clock, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds * ApiBenchOptions.IngestStartShare), cancellationToken).ConfigureAwait(false);
        var limit = TimeSpan.FromSeconds(Math.Max(120, options.Seconds * 5));
        var start = clock.Elapsed.TotalSeconds;
        try
        {
            return await IngestRunner.RunAsync(client, files, clock, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The load's figures still count; the report says the ingest failed and why.
            return [.. files.Select(f => new IngestOutcome(f, new FileInfo(f).Length, null, "failed", false, start, clock.Elapsed.TotalSeconds - start, e.Message))];
        }
    }

    private async Task<BenchFloors> FloorsAsync(IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(options.FloorSeconds);
        var searches = queries.Where(q => q.Search is not null).ToList();
        var service = app.Services.GetRequiredService<SearchService>();
        async ValueTask<string?> InProcess(int i, CancellationToken ct)
        {
            await service.SearchAsync(searches[i].Search!, ct).ConfigureAwait(false);
            return null;
        }

        var single = searches.Count == 0 ? Empty("in-process, 1 at a time") : await MeasureAsync("in-process, 1 at a time", 1, searches.Count, InProcess).ConfigureAwait(false);
        var concurrent = searches.Count == 0 ? Empty($"in-process, {options.Clients} at a time") : await MeasureAsync($"in-process, {options.Clients} at a time", options.Clients, searches.Count, InProcess).ConfigureAwait(false);
        var health = await MeasureAsync($"GET /health/live, {options.Clients} clients", options.Clients, 1, (_, ct) => SendAsync(Health, ct)).ConfigureAwait(false);
        return new BenchFloors(options.FloorSeconds, single, concurrent, health);

        async Task<KindStats> MeasureAsync(string name, int clients, int count, Func<int, CancellationToken, ValueTask<string?>> call)
        {
            var clock = Stopwatch.StartNew();
            var buffers = await LoadRunner.RunAsync(clients, duration, count, call, clock, new ErrorLog(), cancellationToken).ConfigureAwait(false);
            return LoadSummary.Of(name, buffers, _ => true, clock.Elapsed.TotalSeconds);
        }

        static KindStats Empty(string name) => new(name, 0, 0, 0, LatencyStats.Empty);
    }

    /// <summary>Sends one request and reads the whole response; null when it succeeded, else what went wrong.</summary>
    private async ValueTask<string?> SendAsync(BenchQuery query, CancellationToken cancellationToken)
    {
        using var request = query.CreateRequest();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return $"{query.Kind}: {(int)response.StatusCode} {Cause(body)}";
    }

    /// <summary>A ProblemDetails' detail (the same for every request with the same cause, unlike its trace id), else the body's start.</summary>
    private static string Cause(string body)
    {
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // not JSON: the body as it is
        }

        return body.Length > 200 ? body[..200] + "..." : body;
    }
}
