using System.Net;
using System.Net.Http.Json;

namespace Cbvr.Api.Tests;

/// <summary>Search by an uploaded example clip and "more like this", over two clips with ResNet-18 shot features.</summary>
[Collection(ShotFeatureCollection.Name)]
public sealed class ApiSearchUploadTests(ShotFeatureLibrary library)
{
    private string Examples => Path.Combine(library.Factory.DataDirectory, "examples", "uploads");

    [Fact]
    public async Task UploadedCopyOfAClip_FindsThatClipFirst_AndIsDeletedAfterwards()
    {
        using var client = library.Factory.CreateWriteClient();
        using var form = Multipart.File(library.ClipB, "my example.mp4", ("limit", "5"), ("explain", "true"));

        using var response = await client.PostAsync(new Uri("/api/search/upload", UriKind.Relative), form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.Equal("example", body.Str("kind"));
        var hits = body.GetProperty("hits").Items();
        Assert.Equal(library.IdB, hits[0].Str("videoId"));
        Assert.True(hits[0].GetProperty("evidence").GetProperty("modalities").ValueKind == System.Text.Json.JsonValueKind.Object, "explain=true should give per-modality scores");
        Assert.True(!Directory.Exists(Examples) || !Directory.EnumerateFiles(Examples, "*", SearchOption.AllDirectories).Any(), "the uploaded example should be deleted");
    }

    [Fact]
    public async Task MoreLikeThis_LeavesTheVideoItselfOut_AndAnUnknownIdIs404()
    {
        using var client = library.Factory.CreateWriteClient();

        var body = await ApiVideoTests.GetJsonAsync(client, $"/api/search/similar/{library.IdA}?limit=10");
        using var unknown = await client.GetAsync(new Uri("/api/search/similar/ffffffffffffffffffffffffffffffff", UriKind.Relative));
        using var asPost = await client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), new { exampleIds = new[] { library.IdA }, relevant = new[] { library.IdB } });

        Assert.Equal("example", body.Str("kind"));
        var hits = body.GetProperty("hits").Items();
        Assert.DoesNotContain(hits, h => h.Str("videoId") == library.IdA);
        Assert.Equal(library.IdB, Assert.Single(hits).Str("videoId"));
        Assert.Contains("ffffffffffffffffffffffffffffffff", (await ApiVideoTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asPost.StatusCode);
    }

    [Fact]
    public async Task BadUploads_AreProblemsThatSayWhy_AndLeaveNoFile()
    {
        using var client = library.Factory.CreateWriteClient();
        var clip = await File.ReadAllBytesAsync(library.ClipA);

        using var badLimit = await client.PostAsync(new Uri("/api/search/upload", UriKind.Relative), Multipart.Form([("a.mp4", clip)], [("limit", "many")]));
        using var badFlag = await client.PostAsync(new Uri("/api/search/upload", UriKind.Relative), Multipart.Form([("a.mp4", clip)], [("rerank", "maybe")]));
        using var noFile = await client.PostAsync(new Uri("/api/search/upload", UriKind.Relative), Multipart.Form([], [("text", "bars")]));
        using var json = await client.PostAsJsonAsync(new Uri("/api/search/upload", UriKind.Relative), new { text = "bars" });
        using var notMedia = await client.PostAsync(new Uri("/api/search/upload", UriKind.Relative), Multipart.Form([("notes.mp4", "plain text, not a clip"u8.ToArray())]));

        Assert.Contains("'limit'", (await ApiVideoTests.AssertProblemAsync(badLimit, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("'rerank'", (await ApiVideoTests.AssertProblemAsync(badFlag, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("'file'", (await ApiVideoTests.AssertProblemAsync(noFile, HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        await ApiVideoTests.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
        var problem = await ApiVideoTests.AssertProblemAsync(notMedia, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("notes.mp4", problem.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain(library.Factory.DataDirectory, problem.Str("detail"), StringComparison.Ordinal);
        Assert.True(!Directory.Exists(Examples) || !Directory.EnumerateFiles(Examples, "*", SearchOption.AllDirectories).Any(), "a rejected example was left behind");
    }
}
