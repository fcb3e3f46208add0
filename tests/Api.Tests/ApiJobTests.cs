using System.Globalization;
using System.Net;

namespace Cbvr.Api.Tests;

/// <summary>/api/jobs after one ingest through the app's queue.</summary>
public sealed class ApiJobTests(IngestedLibrary library) : IClassFixture<IngestedLibrary>
{
    [Fact]
    public async Task ListJobs_HasTheIngestJobSucceededWithFullProgress()
    {
        using var client = library.CreateClient();
        var jobs = (await ApiVideoTests.GetJsonAsync(client, "/api/jobs")).Items();

        var job = Assert.Single(jobs);
        Assert.Equal(library.Job.Id, job.GetProperty("id").GetInt64());
        Assert.Equal("succeeded", job.Str("status"));
        Assert.Equal(library.ClipPath, job.Str("path"));
        Assert.Equal(library.Job.VideoId, job.Str("videoId"));
        Assert.Equal(1, job.Num("progress"));
        Assert.Equal(1, job.Int("attempts"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, job.GetProperty("error").ValueKind);
        var timings = job.GetProperty("timingsMs");
        Assert.All(["hash", "probe", "decode", "commit", "total"], stage => Assert.True(timings.GetProperty(stage).GetInt64() >= 0, stage));
        Assert.True(timings.GetProperty("total").GetInt64() >= timings.GetProperty("decode").GetInt64());
    }

    [Fact]
    public async Task GetJob_ById_ReturnsThatJob()
    {
        using var client = library.CreateClient();
        var job = await ApiVideoTests.GetJsonAsync(client, "/api/jobs/" + library.Job.Id.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(library.Job.Id, job.GetProperty("id").GetInt64());
        Assert.Equal("succeeded", job.Str("status"));
    }

    [Fact]
    public async Task GetJob_WithAnUnknownId_Is404Problem()
    {
        using var client = library.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/jobs/987654321", UriKind.Relative));

        var problem = await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("987654321", problem.Str("detail"), StringComparison.Ordinal);
    }
}
