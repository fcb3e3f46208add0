using System.Text.Json;
using Cbvr.Api.Bench;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>
/// <c>cbvr bench api</c> through the real CLI on a one-clip library: a short load with an ingest inside it, answered without
/// errors, on a scratch copy that leaves the library untouched.
/// </summary>
public sealed class CliBenchApiTests(CliLibrary library) : IClassFixture<CliLibrary>
{
    [Fact]
    public async Task BenchApi_WithAnUpload_ReportsRequestsWithoutErrorsAndTheIngestSucceeded()
    {
        var clip = await TestMedia.PatternClipAsync(2, pattern: "testsrc2");
        var before = Snapshot(library.DataDirectory);

        var report = await RunAsync("--ingest", clip);

        Assert.True(report.GetProperty("requests").GetInt64() > 0, "no requests were made");
        Assert.Equal(0, report.GetProperty("errors").GetInt64());
        Assert.Empty(report.GetProperty("errorMessages").Items());
        AssertOrdered(report.GetProperty("overall"));
        Assert.Contains(report.GetProperty("kinds").Items(), k => k.Str("kind") == "text" && k.GetProperty("requests").GetInt64() > 0);
        var ingest = Assert.Single(report.GetProperty("ingest").Items());
        Assert.Equal(Path.GetFileName(clip), Path.GetFileName(ingest.Str("file")));
        Assert.True(ingest.GetProperty("succeeded").GetBoolean(), ingest.ToString());
        var floors = report.GetProperty("floors");
        foreach (var floor in new[] { "inProcessSingle", "inProcessConcurrent", "healthHttp" })
        {
            Assert.True(floors.GetProperty(floor).GetProperty("requests").GetInt64() > 0, floor + " measured nothing");
            AssertOrdered(floors.GetProperty(floor).GetProperty("latency"));
        }

        Assert.Equal(before, Snapshot(library.DataDirectory));
        Assert.Equal(library.VideoId, Assert.Single((await Cli.JsonAsync(library.DataDirectory, "videos")).Items()).Str("id"));
    }

    [Fact]
    public async Task BenchApi_WithoutAClip_IngestsOneNewToTheLibrary()
    {
        var report = await RunAsync();

        var ingest = Assert.Single(report.GetProperty("ingest").Items());
        Assert.True(ingest.GetProperty("succeeded").GetBoolean(), ingest.ToString());
        Assert.Equal(0, report.GetProperty("errors").GetInt64());
        Assert.Equal(1, report.Int("videos"));
    }

    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var stats = LatencyStats.Of([.. Enumerable.Range(1, 100).Select(i => (double)(101 - i))]);

        Assert.Equal((50.0, 90.0, 99.0, 100.0, 50.5), (stats.P50Ms, stats.P90Ms, stats.P99Ms, stats.MaxMs, stats.MeanMs));
    }

    [Fact]
    public void QueriesFile_LinesAreRequestsOrTextQueries()
    {
        var queries = QueryMix.Parse(["# comment", "", "a dog", "GET /api/videos?limit=5", """POST /api/search {"exampleIds":["abc"]}"""]);

        Assert.Equal(["text", "videos", "example"], queries.Select(q => q.Kind));
        Assert.Equal("/api/search?q=a%20dog", queries[0].Path);
        Assert.Equal(["abc"], queries[2].Search!.ExampleIds);
        Assert.Null(queries[1].Search);
    }

    private static void AssertOrdered(JsonElement latency)
    {
        var values = new[] { "p50Ms", "p90Ms", "p99Ms", "maxMs" }.Select(p => latency.Num(p)).ToList();
        Assert.True(values[0] > 0 && values.SequenceEqual(values.Order()), "percentiles out of order: " + latency);
    }

    /// <summary>Every file of the library with its size and last write time.</summary>
    private static string Snapshot(string folder) => string.Join('\n', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(folder, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}"));

    private async Task<JsonElement> RunAsync(params string[] more)
    {
        var result = await Cli.RunAsync(["bench", "api", "--data", library.DataDirectory, "--clients", "4", "--seconds", "3", "--floor-seconds", "1", "--json", .. more], timeout: TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonHelpers.Parse(result.StandardOutput);
    }
}
