using System.Buffers.Binary;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Media;
using Cbvr.Ingest.Tests.Pipeline;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Media;

/// <summary>Browser-playable copies made with the real ffmpeg from real files: format, size, duration, layout, failures.</summary>
public sealed class PlaybackRenditionTests
{
    [Fact]
    public async Task Rendition_OfAnMpeg4Avi_IsFaststartH264AacMp4_ScaledTo720_SameDuration_AndGoesWithTheVideo()
    {
        var avi = await TestMedia.CachedAsync("playback-mpeg4-ac3-1280x960.avi", path => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=1280x960:rate=25:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
            "-c:v", "mpeg4", "-q:v", "5", "-c:a", "ac3", "-shortest", path));
        await using var fixture = await IngestFixture.StartAsync();
        var job = await fixture.IngestAsync(avi);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}");
        var video = fixture.Videos.Find(job.VideoId!)!;
        var playback = fixture.Host.Get<PlaybackRendition>();
        Assert.True(BrowserPlayability.NeedsRendition(video));

        var path = await playback.GetOrCreateAsync(video, avi, CancellationToken.None);
        var again = await playback.GetOrCreateAsync(video, avi, CancellationToken.None);

        Assert.Equal(Path.Combine(fixture.Host.DataDirectory, "videos", video.Id, PlaybackRendition.FileName), path);
        Assert.Equal(path, again);
        Assert.Equal(1, playback.TranscodesStarted);
        var info = await ProbeAsync(path);
        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", info.Container);
        Assert.Equal("h264", info.Video!.Codec);
        Assert.Equal("aac", info.Audio?.Codec);
        Assert.Equal((960, 720), (info.Video.Width, info.Video.Height));
        Assert.InRange(info.DurationSeconds!.Value, video.DurationSeconds - 0.2, video.DurationSeconds + 0.2);
        Assert.Equal("yuv420p", await PixelFormatAsync(path));
        var boxes = TopLevelBoxes(path);
        Assert.True(boxes.IndexOf("moov") is >= 0 and var moov && moov < boxes.IndexOf("mdat"), "moov must come before mdat: " + string.Join(' ', boxes));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.part.mp4"));

        Assert.True(fixture.Videos.Delete(video.Id, fixture.Host.Get<DataDirectory>()));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Rendition_OfASmallSilentOddSizedClip_IsNeverUpscaled_HasEvenSides_AndNoAudio()
    {
        var avi = await TestMedia.CachedAsync("playback-mjpeg-215x161.avi", path => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc=size=215x161:rate=10:duration=1", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", path));
        using var host = new TestHost();
        var video = Record(host, avi, hasAudio: false);

        var path = await host.Get<PlaybackRendition>().GetOrCreateAsync(video, avi, CancellationToken.None);

        var info = await ProbeAsync(path);
        Assert.Equal((214, 160), (info.Video!.Width, info.Video.Height));
        Assert.Null(info.Audio);
    }

    [Fact]
    public async Task AWaiterThatGivesUp_LeavesTheSharedTranscodeRunning_ForTheOthers()
    {
        var avi = await TestMedia.CachedAsync("playback-mpeg4-640x480.avi", path => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25:duration=2", "-c:v", "mpeg4", path));
        using var host = new TestHost();
        var playback = host.Get<PlaybackRendition>();
        var video = Record(host, avi, hasAudio: false);
        using var leaving = new CancellationTokenSource();

        var left = playback.GetOrCreateAsync(video, avi, leaving.Token);
        var staying = playback.GetOrCreateAsync(video, avi, CancellationToken.None);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.Equal(playback.PathOf(video.Id), await staying);
        Assert.True(File.Exists(playback.PathOf(video.Id)));
        Assert.Equal(1, playback.TranscodesStarted);
    }

    [Fact]
    public async Task Rendition_OfTheDemoCinepakAviWithEmptyFrames_KeepsItsDuration()
    {
        var tree = TestMedia.DemoClip("tree.avi") ?? throw new InvalidOperationException("demo clip tree.avi missing: run scripts/setup.sh test first");
        using var host = new TestHost();
        var video = Record(host, tree, hasAudio: false);

        var path = await host.Get<PlaybackRendition>().GetOrCreateAsync(video, tree, CancellationToken.None);

        // 444 packets over 29.6 s, most of them empty (the previous frame again); without passing timestamps through, the copy ran 29.93 s.
        var info = await ProbeAsync(path);
        Assert.InRange(info.DurationSeconds!.Value, 29.6 - 0.2, 29.6 + 0.2);
        Assert.Equal((320, 240), (info.Video!.Width, info.Video.Height));
    }

    [Fact]
    public async Task FailedTranscode_NamesFfmpegsCause_IsAnsweredFromMemory_ThenRetried()
    {
        using var host = new TestHost();
        using var retrying = new TestHost(new Dictionary<string, string?> { ["Ingest:Playback:RetryFailedAfterSeconds"] = "0" });
        var notVideo = Path.Combine(host.DataDirectory, "notes.avi");
        await File.WriteAllTextAsync(notVideo, "this is not a video");
        var playback = host.Get<PlaybackRendition>();
        var video = Record(host, notVideo, hasAudio: true);

        var first = await Assert.ThrowsAsync<PlaybackException>(() => playback.GetOrCreateAsync(video, notVideo, CancellationToken.None));
        var second = await Assert.ThrowsAsync<PlaybackException>(() => playback.GetOrCreateAsync(video, notVideo, CancellationToken.None));
        var retried = retrying.Get<PlaybackRendition>();
        var retriedVideo = Record(retrying, notVideo, hasAudio: true);
        await Assert.ThrowsAsync<PlaybackException>(() => retried.GetOrCreateAsync(retriedVideo, notVideo, CancellationToken.None));
        await Assert.ThrowsAsync<PlaybackException>(() => retried.GetOrCreateAsync(retriedVideo, notVideo, CancellationToken.None));

        Assert.Contains(video.Id, first.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data", first.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Same(first, second);
        Assert.Equal(1, playback.TranscodesStarted);
        Assert.Equal(2, retried.TranscodesStarted);
        Assert.False(File.Exists(playback.PathOf(video.Id)));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(playback.PathOf(video.Id))!, "*.part.mp4"));
    }

    /// <summary>A catalog-like record of <paramref name="file"/> with its folder in the data directory (no ingest needed).</summary>
    private static VideoRecord Record(TestHost host, string file, bool hasAudio)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))[..32];
        Directory.CreateDirectory(Path.Combine(host.DataDirectory, "videos", id));
        return new VideoRecord(id, file, Path.GetFileName(file), new FileInfo(file).Length, "avi", 1, 214, 160, 10, "cinepak", hasAudio ? "ac3" : null, 0, hasAudio, 214, 160, 2, DateTimeOffset.UtcNow, 1);
    }

    private static async Task<MediaInfo> ProbeAsync(string path)
    {
        var result = await ExternalProcess.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(result.ExitCode == 0, string.Join('\n', result.StandardError));
        return ProbeParser.Parse(result.StandardOutput);
    }

    private static async Task<string> PixelFormatAsync(string path)
    {
        var result = await ExternalProcess.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=pix_fmt", "-of", "csv=p=0", path], TimeSpan.FromMinutes(1), CancellationToken.None);
        return result.StandardOutput.Trim();
    }

    /// <summary>The types of an ISO media file's top-level boxes, in file order.</summary>
    private static List<string> TopLevelBoxes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var types = new List<string>();
        for (long offset = 0; offset + 8 <= bytes.Length;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset, 4));
            types.Add(System.Text.Encoding.ASCII.GetString(bytes, (int)offset + 4, 4));
            size = size == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan((int)offset + 8, 8)) : size == 0 ? bytes.Length - offset : size;
            offset += Math.Max(8, size);
        }

        return types;
    }
}
