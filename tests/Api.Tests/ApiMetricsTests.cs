using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>/metrics: Prometheus text with HTTP metrics and Cbvr's own (videos, jobs, finished jobs, search latency).</summary>
public sealed class ApiMetricsTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Metrics_IsPrometheusText_WithCbvrMetrics()
    {
        var text = await ScrapeAsync();

        foreach (var name in new[] { "cbvr_videos", "cbvr_jobs", "cbvr_ingest_jobs_finished_total", "cbvr_search_duration_seconds", "http_requests_received_total" })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, Value(text, "cbvr_videos"));
        Assert.Equal(0, Value(text, "cbvr_jobs{status=\"running\"}"));
        Assert.Equal(0, Value(text, "cbvr_ingest_jobs_finished_total{status=\"succeeded\"}"));
    }

    [Fact]
    public async Task Search_IncrementsTheSearchDurationCount()
    {
        var before = Value(await ScrapeAsync(), "cbvr_search_duration_seconds_count");
        using var client = _factory.CreateClient();
        using (var search = await client.GetAsync(new Uri("/api/search?q=dog", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        }

        using (var post = await client.PostAsync(new Uri("/api/search", UriKind.Relative), ApiSecurityTests.JsonContent("""{"text":"cat"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        Assert.Equal(before + 2, Value(await ScrapeAsync(), "cbvr_search_duration_seconds_count"));
    }

    [Fact]
    public async Task IngestedClip_CountsAsAVideoAndASucceededJob()
    {
        var job = await _factory.IngestAsync(await TestMedia.PatternClipAsync(2));
        Assert.Equal(Cbvr.Ingest.Catalog.JobStatus.Succeeded, job.Status);

        var text = await ScrapeAsync();

        Assert.Equal(1, Value(text, "cbvr_videos"));
        Assert.Equal(1, Value(text, "cbvr_ingest_jobs_finished_total{status=\"succeeded\"}"));
    }

    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{series} not in the metrics");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<string> ScrapeAsync()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
