using System.Net;
using System.Net.Http.Json;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// POST /api/ingest/paths with Ingest:AllowedRoots set to one folder holding a clip, a link to a file outside it, and an
/// empty file; a file outside the root sits next to it.
/// </summary>
public sealed class ApiIngestPathTests(ApiIngestPathTests.Roots roots) : IClassFixture<ApiIngestPathTests.Roots>
{
    [Fact]
    public async Task AClipInsideTheRoot_IsQueuedAndIngested()
    {
        using var client = roots.Factory.CreateWriteClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/ingest/paths", UriKind.Relative), new { paths = new[] { roots.Clip } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = Assert.Single((await response.ReadJsonAsync()).GetProperty("jobs").Items());
        Assert.Equal(roots.Clip, queued.Str("source"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var job = await roots.Factory.Services.GetRequiredService<IngestQueue>().WaitAsync(queued.GetProperty("jobId").GetInt64(), timeout.Token);
        Assert.True(job.Status is JobStatus.Succeeded or JobStatus.Skipped, $"{job.Status}: {job.Error}");
        Assert.Equal(roots.Clip, job.Path);
    }

    [Fact]
    public async Task PathsOutsideTheRoot_AreForbidden_EvenWhenTheFileDoesNotExist_OrALinkLeadsOut()
    {
        var outside = roots.Outside;
        var missingOutside = Path.Combine(Path.GetDirectoryName(outside)!, "missing.mp4");

        foreach (var path in new[] { outside, missingOutside, roots.LinkOut, "/etc/passwd" })
        {
            using var response = await PostAsync(path);
            var problem = await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains(path, problem.Str("detail"), StringComparison.Ordinal);
            Assert.Contains("outside the allowed folders", problem.Str("detail"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("dotdot", "contains '..'")]
    [InlineData("missing", "file not found")]
    [InlineData("empty", "empty")]
    [InlineData("folder", "directory")]
    [InlineData("relative", "not absolute")]
    public async Task BadPathsInsideTheRoot_Are400_NamingThePathAndTheCause(string kind, string cause)
    {
        var path = kind switch
        {
            "dotdot" => Path.Combine(roots.Root, "..", Path.GetFileName(roots.Root), "clip.mp4"),
            "missing" => Path.Combine(roots.Root, "missing.mp4"),
            "empty" => roots.Empty,
            "folder" => roots.Root,
            _ => "clip.mp4",
        };

        using var response = await PostAsync(path);

        var problem = await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(path, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(cause, problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneBadPath_QueuesNothing_AndBadBodiesAre400()
    {
        using var client = roots.Factory.CreateWriteClient();
        var before = roots.Factory.Services.GetRequiredService<JobStore>().List().Count;
        using var mixed = await PostAsync(roots.Clip, Path.Combine(roots.Root, "missing.mp4"));
        using var none = await client.PostAsJsonAsync(new Uri("/api/ingest/paths", UriKind.Relative), new { paths = Array.Empty<string>() });
        using var noBody = await client.PostAsJsonAsync(new Uri("/api/ingest/paths", UriKind.Relative), new { });
        using var malformed = await client.PostAsync(new Uri("/api/ingest/paths", UriKind.Relative), new StringContent("{ \"paths\": [", System.Text.Encoding.UTF8, "application/json"));

        await ApiVideoTests.AssertProblemAsync(mixed, HttpStatusCode.BadRequest);
        Assert.Contains("paths", (await ApiVideoTests.AssertProblemAsync(none, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        await ApiVideoTests.AssertProblemAsync(noBody, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, roots.Factory.Services.GetRequiredService<JobStore>().List().Count);
    }

    [Fact]
    public async Task WithoutAllowedRoots_PathIngestIsDisabled()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateWriteClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/ingest/paths", UriKind.Relative), new { paths = new[] { roots.Clip } });

        var problem = await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Ingest:AllowedRoots", problem.Str("detail"), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(params string[] paths)
    {
        using var client = roots.Factory.CreateWriteClient();
        return await client.PostAsJsonAsync(new Uri("/api/ingest/paths", UriKind.Relative), new { paths });
    }

    /// <summary>The allowed root with its files, a file outside it, and the server configured with the root.</summary>
    public sealed class Roots : IAsyncLifetime
    {
        private readonly Scratch _scratch = new();

        public string Root => _scratch["root"];

        public string Clip => Path.Combine(Root, "clip.mp4");

        public string Empty => Path.Combine(Root, "empty.mp4");

        public string LinkOut => Path.Combine(Root, "link-out.mp4");

        public string Outside => _scratch["outside.mp4"];

        public ConfiguredApiFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Root);
            File.Copy(await TestMedia.PatternClipAsync(2), Clip);
            File.Copy(Clip, Outside);
            await File.WriteAllBytesAsync(Empty, []);
            File.CreateSymbolicLink(LinkOut, Outside);
            Factory = new ConfiguredApiFactory(new Dictionary<string, string?> { ["Ingest:AllowedRoots:0"] = Root });
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            _scratch.Dispose();
        }
    }
}
