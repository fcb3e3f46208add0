using System.Net;
using System.Net.Http.Json;

namespace Cbvr.Api.Tests;

/// <summary>/api/search over real HTTP on an analysed library: a text query with evidence, bad queries as problem details.</summary>
public sealed class ApiSearchTests(AnalysedApiLibrary library) : IClassFixture<AnalysedApiLibrary>
{
    [Fact]
    public async Task TextQuery_RanksTheDogClipFirst_WithEvidenceAndTheGeneratedQuery()
    {
        using var client = library.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/search?q=dog&explain=true", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();

        var hit = body.GetProperty("hits").Items()[0];
        Assert.Equal(library.DogId, hit.Str("videoId"));
        Assert.Contains(hit.GetProperty("evidence").GetProperty("concepts").Items(), c => c.Str("id") == "coco:dog");
        Assert.True(hit.GetProperty("evidence").GetProperty("modalities").TryGetProperty("concepts", out _));
        Assert.Contains(body.GetProperty("query").GetProperty("concepts").Items(), c => c.Str("id") == "coco:dog" && c.Str("match") == "exact");
    }

    [Fact]
    public async Task ExampleQuery_ByLibraryId_LeavesTheExampleOut()
    {
        using var client = library.Factory.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), new { exampleIds = new[] { library.DogId }, includeUnmatched = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.ReadJsonAsync()).GetProperty("hits").Items();

        Assert.Equal(library.TextId, Assert.Single(hits).Str("videoId"));
    }

    [Theory]
    [InlineData("/api/search", HttpStatusCode.BadRequest, "empty query")]
    [InlineData("/api/search?q=%20%20", HttpStatusCode.BadRequest, "empty query")]
    [InlineData("/api/search?q=dog&limit=0", HttpStatusCode.BadRequest, "limit")]
    public async Task BadTextQueries_Are400ProblemsThatSayWhy(string path, HttpStatusCode status, string reason)
    {
        using var client = library.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, (await response.ReadJsonAsync()).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownExampleId_Is404_AndServerPaths_Are400()
    {
        using var client = library.Factory.CreateClient();
        using var unknown = await client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), new { exampleIds = new[] { "ffffffffffffffffffffffffffffffff" } });
        using var path = await client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), new { exampleFiles = new[] { "/etc/passwd" } });
        using var tooLong = await client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), new { text = new string('a', 10_240) });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("ffffffffffffffffffffffffffffffff", (await unknown.ReadJsonAsync()).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, path.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("10240 characters", (await tooLong.ReadJsonAsync()).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        using var client = library.Factory.CreateClient();
        using var content = new StringContent("{ \"text\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/search", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
