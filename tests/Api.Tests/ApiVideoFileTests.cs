using System.Net;
using System.Net.Http.Headers;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>/api/videos/{id}/file with range requests, the thumbnail, conditional requests, and deleting a video.</summary>
public sealed class ApiVideoFileTests(IngestedLibrary library) : IClassFixture<IngestedLibrary>
{
    private string VideoId => library.Job.VideoId!;

    [Fact]
    public async Task File_WithARange_Is206WithExactlyThoseBytes()
    {
        var disk = await File.ReadAllBytesAsync(library.ClipPath);
        using var client = library.Factory.CreateWriteClient();

        using var middle = await GetAsync(client, $"/api/videos/{VideoId}/file", r => r.Headers.Range = new RangeHeaderValue(100, 199));
        using var suffix = await GetAsync(client, $"/api/videos/{VideoId}/file", r => r.Headers.Range = new RangeHeaderValue(null, 50));

        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal((100L, 199L, (long)disk.Length), (middle.Content.Headers.ContentRange!.From!.Value, middle.Content.Headers.ContentRange.To!.Value, middle.Content.Headers.ContentRange.Length!.Value));
        Assert.Equal(disk[100..200], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/mp4", middle.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal(disk[^50..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(disk.Length - 50, suffix.Content.Headers.ContentRange!.From);
    }

    [Fact]
    public async Task File_Whole_AdvertisesRanges_WithAStrongETag_AndAnUnsatisfiableRangeIs416()
    {
        var disk = await File.ReadAllBytesAsync(library.ClipPath);
        using var client = library.Factory.CreateWriteClient();

        using var whole = await GetAsync(client, $"/api/videos/{VideoId}/file");
        using var beyond = await GetAsync(client, $"/api/videos/{VideoId}/file", r => r.Headers.Range = new RangeHeaderValue(disk.Length + 10, disk.Length + 20));
        using var cached = await GetAsync(client, $"/api/videos/{VideoId}/file", r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{VideoId}\"")));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(disk, await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains("bytes", whole.Headers.AcceptRanges);
        Assert.Equal($"\"{VideoId}\"", whole.Headers.ETag?.Tag);
        Assert.False(whole.Headers.ETag!.IsWeak);
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal(disk.Length, beyond.Content.Headers.ContentRange?.Length);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
    }

    [Fact]
    public async Task Thumbnail_IsAKeyframeJpeg_CachedForAYear_And304WithItsETag()
    {
        using var client = library.Factory.CreateWriteClient();

        using var thumbnail = await GetAsync(client, $"/api/videos/{VideoId}/thumbnail.jpg");
        var bytes = await thumbnail.Content.ReadAsByteArrayAsync();
        var tag = thumbnail.Headers.ETag!;
        using var again = await GetAsync(client, $"/api/videos/{VideoId}/thumbnail.jpg", r => r.Headers.IfNoneMatch.Add(tag));
        using var keyframe = await GetAsync(client, $"/api/videos/{VideoId}/shots/0/keyframe.jpg");
        using var keyframeAgain = await GetAsync(client, $"/api/videos/{VideoId}/shots/0/keyframe.jpg", r => r.Headers.IfNoneMatch.Add(keyframe.Headers.ETag!));

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.True(thumbnail.Headers.CacheControl!.MaxAge > TimeSpan.FromDays(300));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, keyframeAgain.StatusCode);
        var shots = (await ApiVideoTests.GetJsonAsync(client, "/api/videos/" + VideoId)).GetProperty("shots").Items();
        var middle = shots[shots.Count / 2].Str("keyframeUrl");
        using var middleKeyframe = await GetAsync(client, middle);
        Assert.Equal(await middleKeyframe.Content.ReadAsByteArrayAsync(), bytes);
    }

    [Theory]
    [InlineData("/file")]
    [InlineData("/thumbnail.jpg")]
    public async Task FileAndThumbnail_OfAnUnknownVideo_Are404Problems(string suffix)
    {
        using var client = library.Factory.CreateWriteClient();
        using var response = await client.GetAsync(new Uri("/api/videos/0123456789abcdef0123456789abcdef" + suffix, UriKind.Relative));

        var problem = await ApiVideoTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("0123456789abcdef0123456789abcdef", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RemovesTheVideoAndItsStoredData_ButNotItsSourceFile()
    {
        var clip = await TestMedia.PatternClipAsync(2, pattern: "testsrc2");
        var job = await library.Factory.IngestAsync(clip);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");
        var id = job.VideoId!;
        var folder = Path.Combine(library.Factory.DataDirectory, "videos", id);
        Assert.True(Directory.Exists(folder));
        using var client = library.Factory.CreateWriteClient();

        using var deleted = await client.DeleteAsync(new Uri("/api/videos/" + id, UriKind.Relative));
        using var again = await client.DeleteAsync(new Uri("/api/videos/" + id, UriKind.Relative));
        using var gone = await client.GetAsync(new Uri("/api/videos/" + id, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(folder), "the video's stored data should be removed");
        Assert.True(File.Exists(clip), "a path-ingested source file is never deleted");
        Assert.Contains(id, (await ApiVideoTests.AssertProblemAsync(again, HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        await ApiVideoTests.AssertProblemAsync(gone, HttpStatusCode.NotFound);
        var page = await ApiVideoTests.GetJsonAsync(client, "/api/videos");
        Assert.DoesNotContain(page.GetProperty("items").Items(), v => v.Str("id") == id);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }
}
