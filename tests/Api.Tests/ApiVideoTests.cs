using System.Net;
using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>/api/videos over a library holding one generated clip (3 s, 320x240, 25 fps, with audio).</summary>
public sealed class ApiVideoTests(IngestedLibrary library) : IClassFixture<IngestedLibrary>
{
    private string VideoId => library.Job.VideoId!;

    [Fact]
    public async Task ListVideos_AfterIngest_HasTheClipWithItsMediaFacts()
    {
        using var client = library.CreateClient();
        var page = await GetJsonAsync(client, "/api/videos");

        var items = page.GetProperty("items").Items();
        var video = Assert.Single(items);
        Assert.Equal(1, page.Int("total"));
        Assert.Equal(VideoId, video.Str("id"));
        Assert.Equal(Path.GetFileName(library.ClipPath), video.Str("fileName"));
        Assert.InRange(video.Num("durationSeconds"), 2.8, 3.2);
        Assert.True(video.Int("shotCount") >= 1, "shotCount should be at least 1");
        Assert.Equal(320, video.Int("width"));
        Assert.Equal(240, video.Int("height"));
        Assert.Equal(320, video.Int("frameWidth"));
        Assert.Equal(240, video.Int("frameHeight"));
        Assert.Equal(2, video.Num("sampledFramesPerSecond"));
        Assert.Equal(25, video.Num("framesPerSecond"));
        Assert.Equal("h264", video.Str("videoCodec"));
        Assert.Equal("aac", video.Str("audioCodec"));
        Assert.True(video.GetProperty("hasAudio").GetBoolean());
        Assert.Equal(new FileInfo(library.ClipPath).Length, video.GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task GetVideo_ReturnsOrderedShotsCoveringTheClip_EachWithAKeyframeUrl()
    {
        using var client = library.CreateClient();
        var detail = await GetJsonAsync(client, "/api/videos/" + VideoId);

        Assert.Equal(VideoId, detail.GetProperty("video").Str("id"));
        Assert.Contains(library.ClipPath, detail.GetProperty("locations").Items().Select(l => l.GetString()));
        var shots = detail.GetProperty("shots").Items();
        Assert.Equal(detail.GetProperty("video").Int("shotCount"), shots.Count);
        Assert.NotEmpty(shots);
        Assert.Equal(0, shots[0].Num("startSeconds"));
        Assert.InRange(shots[^1].Num("endSeconds"), 2.8, 3.2);
        for (var i = 0; i < shots.Count; i++)
        {
            Assert.Equal(i, shots[i].Int("index"));
            Assert.True(shots[i].Num("startSeconds") < shots[i].Num("endSeconds"), $"shot {i} starts at or after its end");
            Assert.Equal($"/api/videos/{VideoId}/shots/{i}/keyframe.jpg", shots[i].Str("keyframeUrl"));
            Assert.InRange(shots[i].Num("keyframeSeconds"), shots[i].Num("startSeconds"), shots[i].Num("endSeconds"));
        }
    }

    [Fact]
    public async Task Keyframe_IsAJpegWithACacheControlHeader()
    {
        using var client = library.CreateClient();
        var detail = await GetJsonAsync(client, "/api/videos/" + VideoId);
        var url = detail.GetProperty("shots").Items()[0].Str("keyframeUrl");

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100, $"keyframe is only {bytes.Length} bytes");
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.Equal([0xFF, 0xD9], bytes[^2..]);
        var cache = response.Headers.CacheControl;
        Assert.NotNull(cache);
        Assert.True(cache.Public, "keyframes are public");
        Assert.True(cache.MaxAge > TimeSpan.FromDays(1), $"max-age {cache.MaxAge} is short for an immutable image");
    }

    [Fact]
    public async Task Keyframe_OfAShotThatDoesNotExist_Is404Problem()
    {
        using var client = library.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/videos/{VideoId}/shots/999/keyframe.jpg", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetVideo_WithAnUnknownId_Is404Problem()
    {
        using var client = library.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/videos/0123456789abcdef0123456789abcdef", UriKind.Relative));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("0123456789abcdef0123456789abcdef", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("offset=-1")]
    [InlineData("sort=bogus")]
    [InlineData("order=sideways")]
    public async Task ListVideos_WithBadPaging_Is400Problem(string query)
    {
        using var client = library.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/videos?" + query, UriKind.Relative));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")), "a 400 should say what is wrong");
    }

    [Theory]
    [InlineData("sort=name&order=asc")]
    [InlineData("sort=duration&offset=0&limit=1")]
    public async Task ListVideos_WithValidPaging_Is200(string query)
    {
        using var client = library.CreateClient();
        var page = await GetJsonAsync(client, "/api/videos?" + query);

        Assert.Equal(VideoId, Assert.Single(page.GetProperty("items").Items()).Str("id"));
    }

    internal static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)expected, problem.Int("status"));
        return problem;
    }
}
