using System.Net;
using System.Net.Http.Headers;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Media;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// /api/videos/{id}/file for the player: an AVI is served as its browser-playable H.264 copy (made once, on the first
/// request), an MP4 as it is; <c>?original=true</c> gives the original bytes; HEAD never transcodes; the server warms copies.
/// </summary>
public sealed class ApiVideoPlaybackTests(ApiVideoPlaybackTests.Library library) : IClassFixture<ApiVideoPlaybackTests.Library>
{
    private PlaybackRendition Playback => library.Factory.Services.GetRequiredService<PlaybackRendition>();

    [Fact]
    public async Task TwoConcurrentFirstRequests_ForAnAvi_StartOneTranscode_AndBothGetTheSameH264Mp4()
    {
        var id = library.Ids["concurrent"];
        using var client = library.Factory.CreateClient();
        var before = Playback.TranscodesStarted;

        var responses = await Task.WhenAll(GetAsync(client, $"/api/videos/{id}/file"), GetAsync(client, $"/api/videos/{id}/file"));

        Assert.Equal(before + 1, Playback.TranscodesStarted);
        var disk = await File.ReadAllBytesAsync(Playback.PathOf(id));
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(disk, await response.Content.ReadAsByteArrayAsync());
            }
        }

        Assert.Equal("h264", await VideoCodecAsync(disk));
    }

    [Fact]
    public async Task Avi_IsServedAsItsCopy_WithRangesAndETag_AndOriginalTrue_IsTheOriginalBytes()
    {
        var id = library.Ids["ranges"];
        using var client = library.Factory.CreateClient();

        using var whole = await GetAsync(client, $"/api/videos/{id}/file");
        var copy = await File.ReadAllBytesAsync(Playback.PathOf(id));
        using var middle = await GetAsync(client, $"/api/videos/{id}/file", r => r.Headers.Range = new RangeHeaderValue(100, 199));
        using var suffix = await GetAsync(client, $"/api/videos/{id}/file", r => r.Headers.Range = new RangeHeaderValue(null, 64));
        using var cached = await GetAsync(client, $"/api/videos/{id}/file", r => r.Headers.IfNoneMatch.Add(whole.Headers.ETag!));
        using var original = await GetAsync(client, $"/api/videos/{id}/file?original=true");
        using var originalRange = await GetAsync(client, $"/api/videos/{id}/file?original=true", r => r.Headers.Range = new RangeHeaderValue(10, 19));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(copy, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("h264", await VideoCodecAsync(copy));
        Assert.StartsWith($"\"{id}-playback-", whole.Headers.ETag?.Tag, StringComparison.Ordinal);
        Assert.Contains("bytes", whole.Headers.AcceptRanges);
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal("video/mp4", middle.Content.Headers.ContentType?.MediaType);
        Assert.Equal((100L, 199L, (long)copy.Length), (middle.Content.Headers.ContentRange!.From!.Value, middle.Content.Headers.ContentRange.To!.Value, middle.Content.Headers.ContentRange.Length!.Value));
        Assert.Equal(copy[100..200], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal(copy[^64..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);

        var avi = await File.ReadAllBytesAsync(library.Clips["ranges"]);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(avi, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/x-msvideo", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"\"{id}\"", original.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PartialContent, originalRange.StatusCode);
        Assert.Equal(avi[10..20], await originalRange.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Mp4H264_IsServedAsItIs_WithoutACopy()
    {
        var id = library.Ids["mp4"];
        using var client = library.Factory.CreateClient();
        var before = Playback.TranscodesStarted;

        using var response = await GetAsync(client, $"/api/videos/{id}/file");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(library.Clips["mp4"]), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{id}\"", response.Headers.ETag?.Tag);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(before, Playback.TranscodesStarted);
        Assert.Null(Playback.Existing(id));
    }

    [Fact]
    public async Task Head_BeforeTheCopyExists_StartsNoTranscode_AfterwardsDescribesTheCopy()
    {
        var id = library.Ids["head"];
        using var client = library.Factory.CreateClient();
        var before = Playback.TranscodesStarted;

        using var pending = await SendAsync(client, HttpMethod.Head, $"/api/videos/{id}/file");
        var startedByHead = Playback.TranscodesStarted - before;
        var existedAfterHead = Playback.Existing(id) is not null;
        using var get = await SendAsync(client, HttpMethod.Get, $"/api/videos/{id}/file");
        using var ready = await SendAsync(client, HttpMethod.Head, $"/api/videos/{id}/file");
        using var unknown = await SendAsync(client, HttpMethod.Head, "/api/videos/0123456789abcdef0123456789abcdef/file");

        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        Assert.Equal("video/mp4", pending.Content.Headers.ContentType?.MediaType);
        Assert.True(pending.Headers.CacheControl?.NoStore);
        Assert.Equal(0, startedByHead);
        Assert.False(existedAfterHead);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(new FileInfo(Playback.PathOf(id)).Length, ready.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag?.Tag, ready.Headers.ETag?.Tag);
        Assert.StartsWith($"\"{id}-playback-", ready.Headers.ETag?.Tag, StringComparison.Ordinal);
        Assert.Empty(await ready.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ServerWithWarmUp_MakesTheCopyOfANewAvi_WithoutARequest()
    {
        await using var factory = new ConfiguredApiFactory(new Dictionary<string, string?>());
        var job = await factory.IngestAsync(library.Clips["warm"]);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");
        var playback = factory.Services.GetRequiredService<PlaybackRendition>();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (playback.Existing(job.VideoId!) is null && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        Assert.NotNull(playback.Existing(job.VideoId!));
        Assert.Equal(1, playback.TranscodesStarted);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(client, HttpMethod.Get, url, configure);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    /// <summary>ffprobe's name for the first video stream of <paramref name="bytes"/>.</summary>
    private static async Task<string> VideoCodecAsync(byte[] bytes)
    {
        var file = Path.Combine(TestMedia.NewFolder("cbvr-playback-"), "served.mp4");
        await File.WriteAllBytesAsync(file, bytes);
        var result = await ExternalProcess.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", file], TimeSpan.FromMinutes(1), CancellationToken.None);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        return result.StandardOutput.Trim();
    }

    /// <summary>One server without warm-up, with four small MPEG-4 AVIs (one per test, so each sees its own first request) and an MP4.</summary>
    public sealed class Library : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new ConfiguredApiFactory(new Dictionary<string, string?> { ["Ingest:Playback:WarmAfterIngest"] = "false" });

        public Dictionary<string, string> Clips { get; } = [];

        public Dictionary<string, string> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            Clips["concurrent"] = await AviAsync("testsrc2", audio: true);
            Clips["ranges"] = await AviAsync("smptebars", audio: true);
            Clips["head"] = await AviAsync("rgbtestsrc", audio: false);
            Clips["warm"] = await AviAsync("yuvtestsrc", audio: false);
            Clips["mp4"] = await TestMedia.PatternClipAsync(2, pattern: "smptehdbars");
            foreach (var name in (string[])["concurrent", "ranges", "head", "mp4"])
            {
                var job = await Factory.IngestAsync(Clips[name]);
                Assert.True(job.Status == JobStatus.Succeeded, $"ingest of {Clips[name]} ended {job.Status}: {job.Error}");
                Ids[name] = job.VideoId!;
            }
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        /// <summary>2 s of <paramref name="pattern"/>, 320x240, MPEG-4 part 2 video (and AC-3 audio) in AVI: not playable in browsers.</summary>
        private static Task<string> AviAsync(string pattern, bool audio) => TestMedia.CachedAsync($"playback-{pattern}{(audio ? "-a" : "")}.avi", path =>
            TestMedia.FfmpegAsync(
            [
                "-f", "lavfi", "-i", $"{pattern}=size=320x240:rate=25:duration=2",
                .. audio ? (string[])["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=2", "-c:a", "ac3", "-shortest"] : [],
                "-c:v", "mpeg4", "-q:v", "5", path,
            ]));
    }
}
