using System.Net;
using System.Text.Json;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// Live job progress as server-sent events, and cancellation, on a server that runs one job at a time: a long clip keeps the
/// worker busy (so the jobs behind it wait in the queue) until it is cancelled.
/// </summary>
public sealed class ApiJobEventTests : IAsyncLifetime
{
    private readonly ConfiguredApiFactory _factory = new(new Dictionary<string, string?> { ["Ingest:MaxConcurrentJobs"] = "1" });

    private IngestQueue Queue => _factory.Services.GetRequiredService<IngestQueue>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Streams_ShowARunningJobsProgress_ItsCancellation_AndTheNextJobsSuccessWithItsVideo()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (longClip, shortClip) = (await LongIngest.ClipAsync(), await TestMedia.PatternClipAsync(3));
        using var client = _factory.CreateWriteClient();
        var (allResponse, all) = await ServerSentEvents.OpenAsync(client, "/api/jobs/events");
        using var allDispose = allResponse;
        using var allEvents = all;

        var running = Queue.Enqueue(longClip);
        var next = Queue.Enqueue(shortClip);
        var (nextResponse, nextStream) = await ServerSentEvents.OpenAsync(client, $"/api/jobs/{next}/events");
        using var nextDispose = nextResponse;
        using var nextEvents = nextStream;

        var first = (await nextEvents.NextAsync(timeout.Token))!.Value;
        Assert.Equal(("job", next, "queued"), (first.Type, first.Data.GetProperty("id").GetInt64(), first.Data.Str("status")));

        // The long job reports progress while it decodes; then it is cancelled.
        var progress = await all.ReadUntilAsync(e => Id(e) == running && e.Str("status") == "running" && e.Num("progress") > 0, timeout.Token);
        var live = progress[^1];
        Assert.Equal("decode", live.Str("stage"));
        Assert.InRange(live.Num("doneSeconds"), 0.001, LongIngest.ClipSeconds);
        Assert.Equal(LongIngest.ClipSeconds, live.Num("totalSeconds"), 0);
        Assert.Equal(longClip, live.Str("path"));
        using (var cancel = await client.DeleteAsync(new Uri($"/api/jobs/{running}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var cancelled = (await all.ReadUntilAsync(e => Id(e) == running && IsTerminal(e), timeout.Token))[^1];
        Assert.Equal("cancelled", cancelled.Str("status"));

        // The job behind it runs to the end; its own stream stops after the terminal event.
        var nextSeen = await nextEvents.ReadToEndAsync(timeout.Token);
        var done = nextSeen[^1];
        Assert.Equal(("succeeded", 1.0), (done.Str("status"), done.Num("progress")));
        var videoId = done.Str("videoId");
        Assert.All(nextSeen, e => Assert.Equal(next, Id(e)));
        Assert.All(nextSeen.SkipLast(1), e => Assert.False(IsTerminal(e), e.ToString()));
        var fromAll = (await all.ReadUntilAsync(e => Id(e) == next && IsTerminal(e), timeout.Token))[^1];
        Assert.Equal(("succeeded", videoId), (fromAll.Str("status"), fromAll.Str("videoId")));
        Assert.Equal((await Queue.WaitAsync(next, timeout.Token)).VideoId, videoId);

        // A finished job's stream is its final state, then the end.
        var (endedResponse, ended) = await ServerSentEvents.OpenAsync(client, $"/api/jobs/{next}/events");
        using var endedDispose = endedResponse;
        using var endedEvents = ended;
        var final = Assert.Single(await ended.ReadToEndAsync(timeout.Token));
        Assert.Equal(("succeeded", videoId), (final.Str("status"), final.Str("videoId")));
    }

    [Fact]
    public async Task CancellingAQueuedJob_CancelsItWhenItsTurnComes_AndEndedOrUnknownJobsAreRefused()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var running = Queue.Enqueue(await LongIngest.ClipAsync());
        var queued = Queue.Enqueue(await TestMedia.PatternClipAsync(3));
        using var client = _factory.CreateWriteClient();

        using (var response = await client.DeleteAsync(new Uri($"/api/jobs/{queued}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(queued, Id(await response.ReadJsonAsync()));
        }

        using (var response = await client.DeleteAsync(new Uri($"/api/jobs/{running}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.Equal(JobStatus.Cancelled, (await Queue.WaitAsync(running, timeout.Token)).Status);
        Assert.Equal(JobStatus.Cancelled, (await Queue.WaitAsync(queued, timeout.Token)).Status);
        using var again = await client.DeleteAsync(new Uri($"/api/jobs/{queued}", UriKind.Relative));
        using var unknown = await client.DeleteAsync(new Uri("/api/jobs/987654321", UriKind.Relative));
        Assert.Contains("already ended", (await ApiVideoTests.AssertProblemAsync(again, HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("987654321", (await ApiVideoTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        using var missingStream = await client.GetAsync(new Uri("/api/jobs/987654321/events", UriKind.Relative));
        await ApiVideoTests.AssertProblemAsync(missingStream, HttpStatusCode.NotFound);

        var cancelled = (await ApiVideoTests.GetJsonAsync(client, "/api/jobs?status=cancelled")).Items();
        Assert.Equal([queued, running], cancelled.Select(Id));
        using var badStatus = await client.GetAsync(new Uri("/api/jobs?status=done", UriKind.Relative));
        Assert.Contains("done", (await ApiVideoTests.AssertProblemAsync(badStatus, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
    }

    private static long Id(JsonElement job) => job.GetProperty("id").GetInt64();

    private static bool IsTerminal(JsonElement job) => job.Str("status") is "succeeded" or "failed" or "skipped" or "cancelled";
}
