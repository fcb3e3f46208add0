using System.Net;
using System.Net.Http.Json;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>POST /api/ingest: clips uploaded as multipart, streamed to DATA/uploads, ingested under the name they were sent with.</summary>
public sealed class ApiIngestUploadTests : IAsyncLifetime
{
    private const long Limit = 1 << 20;

    private readonly ConfiguredApiFactory _factory = new(new Dictionary<string, string?>(), maxUploadBytes: Limit);

    private string Uploads => Path.Combine(_factory.DataDirectory, "uploads");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task UploadedClip_IsIngestedUnderItsOwnName_ServedBack_AndDeletedWithItsVideo()
    {
        var clip = await TestMedia.PatternClipAsync(3);
        using var client = _factory.CreateWriteClient();
        using var form = Multipart.File(clip, "holiday clip (1).mp4");

        using var response = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), form);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var queued = Assert.Single((await response.ReadJsonAsync()).GetProperty("jobs").Items());
        var jobId = queued.GetProperty("jobId").GetInt64();
        Assert.Equal("holiday clip (1).mp4", queued.Str("source"));
        Assert.Equal($"/api/jobs/{jobId}", queued.Str("url"));
        Assert.Equal($"/api/jobs/{jobId}", response.Headers.Location?.OriginalString);
        var job = await WaitAsync(jobId);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");

        var detail = await ApiVideoTests.GetJsonAsync(client, "/api/videos/" + job.VideoId);
        Assert.Equal("holiday clip (1).mp4", detail.GetProperty("video").Str("fileName"));
        var stored = Assert.Single(detail.GetProperty("locations").Items()).GetString()!;
        Assert.Equal(Path.Combine(Uploads, Path.GetFileName(Path.GetDirectoryName(stored))!, "holiday clip (1).mp4"), stored);
        Assert.Equal(await File.ReadAllBytesAsync(clip), await File.ReadAllBytesAsync(stored));
        using (var file = await client.GetAsync(new Uri($"/api/videos/{job.VideoId}/file", UriKind.Relative)))
        {
            Assert.Equal("video/mp4", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(clip), await file.Content.ReadAsByteArrayAsync());
        }

        using var deleted = await client.DeleteAsync(new Uri("/api/videos/" + job.VideoId, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(stored), "the uploaded copy should go with its video");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Uploads));
        Assert.True(File.Exists(clip), "the test's own clip is not the server's to delete");
    }

    [Fact]
    public async Task TwoFilesInOneRequest_AreTwoJobs_AndAFileNameWithFolders_KeepsOnlyItsName()
    {
        var a = await TestMedia.PatternClipAsync(2, pattern: "smptebars");
        var b = await TestMedia.PatternClipAsync(2, pattern: "rgbtestsrc");
        using var client = _factory.CreateWriteClient();
        using var form = Multipart.Form([("../../etc/a.mp4", await File.ReadAllBytesAsync(a)), ("C:\\Users\\me\\b.mp4", await File.ReadAllBytesAsync(b))]);

        using var response = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobs = (await response.ReadJsonAsync()).GetProperty("jobs").Items();
        Assert.Equal(["a.mp4", "b.mp4"], jobs.Select(j => j.Str("source")));
        foreach (var queued in jobs)
        {
            var job = await WaitAsync(queued.GetProperty("jobId").GetInt64());
            Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");
            Assert.StartsWith(Uploads + Path.DirectorySeparatorChar, job.Path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUploadThatIsNotAVideo_FailsItsJob_AndTheFileIsRemoved()
    {
        using var client = _factory.CreateWriteClient();
        using var form = Multipart.Form([("notes.mp4", "this is not a video"u8.ToArray())]);

        using var response = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = Assert.Single((await response.ReadJsonAsync()).GetProperty("jobs").Items()).GetProperty("jobId").GetInt64();
        var job = await WaitAsync(jobId);
        Assert.Equal(JobStatus.Failed, job.Status);
        for (var i = 0; i < 100 && File.Exists(job.Path); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(File.Exists(job.Path), "a failed upload's file should be removed");
    }

    [Fact]
    public async Task AnUploadOverTheLimit_Is413_AndLeavesNoFile()
    {
        using var client = _factory.CreateWriteClient();
        using var known = Multipart.Form([("big.mp4", new byte[Limit + 1000])]);
        using var chunked = Multipart.Chunked("big.mp4", Limit + 1000);
        using var huge = Multipart.Form([("huge.mp4", new byte[3 * Limit])]);

        // Just over the limit: refused while it streams (with and without Content-Length); far over: refused by its length.
        using var counted = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), known);
        using var streamed = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), chunked);
        using var early = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), huge);

        foreach (var response in new[] { counted, streamed, early })
        {
            var problem = await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("Api:MaxUploadBytes", problem.Str("detail"), StringComparison.Ordinal);
            Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Str("detail"), StringComparison.Ordinal);
        }

        Assert.True(!Directory.Exists(Uploads) || !Directory.EnumerateFiles(Uploads, "*", SearchOption.AllDirectories).Any(), "a partial upload was left behind");
        Assert.Empty(_factory.Services.GetRequiredService<JobStore>().List());
    }

    [Fact]
    public async Task BadUploads_AreProblemsThatSayWhy()
    {
        using var client = _factory.CreateWriteClient();
        using var json = await client.PostAsJsonAsync(new Uri("/api/ingest", UriKind.Relative), new { file = "clip.mp4" });
        using var noFile = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), Multipart.Form([], [("text", "hello")]));
        using var empty = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), Multipart.Form([("empty.mp4", [])]));
        using var wrongPart = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "video", "clip.mp4" } };
        using var wrongName = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), wrongPart);
        using var garbage = new ByteArrayContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\nabc"u8.ToArray());
        garbage.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        using var truncated = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), garbage);

        Assert.Contains("multipart/form-data", (await ApiVideoTests.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("'file'", (await ApiVideoTests.AssertProblemAsync(noFile, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("empty.mp4", (await ApiVideoTests.AssertProblemAsync(empty, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("'video'", (await ApiVideoTests.AssertProblemAsync(wrongName, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("multipart body", (await ApiVideoTests.AssertProblemAsync(truncated, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.True(!Directory.Exists(Uploads) || !Directory.EnumerateFiles(Uploads, "*", SearchOption.AllDirectories).Any(), "a rejected upload left a file");
        Assert.Empty(_factory.Services.GetRequiredService<JobStore>().List());
    }

    [Fact]
    public async Task WithAllowedRootsSet_UploadsAreStillIngested_ForTheUploadFolderIsTheServersOwn()
    {
        var root = TestMedia.NewFolder("cbvr-roots-");
        await using var factory = new ConfiguredApiFactory(new Dictionary<string, string?> { ["Ingest:AllowedRoots:0"] = root });
        var clip = await TestMedia.PatternClipAsync(2);
        using var client = factory.CreateWriteClient();
        using var form = Multipart.File(clip, "rooted.mp4");

        using var response = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = Assert.Single((await response.ReadJsonAsync()).GetProperty("jobs").Items()).GetProperty("jobId").GetInt64();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var job = await factory.Services.GetRequiredService<IngestQueue>().WaitAsync(jobId, timeout.Token);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");
    }

    private async Task<JobRecord> WaitAsync(long jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await _factory.Services.GetRequiredService<IngestQueue>().WaitAsync(jobId, timeout.Token);
    }
}
