using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>
/// <c>cbvr bench playback FILES --json</c> through the real CLI: an AVI (MPEG-4 part 2 + AC-3) gets its browser-playable copy
/// made and timed against the decode floor, an H.264 MP4 is counted as playable as it is, and nothing is left behind.
/// </summary>
public sealed class CliBenchPlaybackTests
{
    [Fact]
    public async Task BenchPlayback_AnAviAndAnMp4_TimesTheAvisCopyAgainstTheFloor_AndCountsTheMp4AsPlayable()
    {
        var avi = await AviAsync();
        var mp4 = await TestMedia.PatternClipAsync(2, pattern: "testsrc2");
        var aviBytes = new FileInfo(avi).Length;

        var result = await Cli.RunOkAsync("bench", "playback", avi, mp4, "--json");

        var json = JsonHelpers.Parse(result.StandardOutput);
        Assert.Equal("files", json.Str("source"));
        var report = json.GetProperty("report");
        Assert.Equal(2, report.Int("videos"));
        var clip = Assert.Single(report.GetProperty("clips").Items());
        Assert.Equal(Path.GetFileName(avi), clip.Str("name"));
        Assert.Equal("avi", clip.Str("container"));
        Assert.Equal("mpeg4", clip.Str("videoCodec"));
        Assert.Equal("ac3", clip.Str("audioCodec"));
        Assert.InRange(clip.Num("durationSeconds"), 1.9, 2.1);
        Assert.Equal(aviBytes, clip.GetProperty("bytesIn").GetInt64());
        Assert.True(clip.GetProperty("bytesOut").GetInt64() > 0, clip.ToString());
        Assert.True(clip.Num("transcodeSeconds") > 0, clip.ToString());
        Assert.True(clip.Num("floorSeconds") > 0, clip.ToString());
        Assert.True(clip.Num("realTimeFactor") > 0, clip.ToString());
        Assert.Equal(clip.Num("transcodeSeconds") / clip.Num("floorSeconds"), clip.Num("ratio"), 6);
        Assert.Empty(report.GetProperty("failed").Items());
        Assert.Equal(Path.GetFileName(mp4), Assert.Single(report.GetProperty("playableAsIs").Items()).GetString());

        // The copy was made in a scratch folder that is gone; the sources are untouched.
        Assert.False(Directory.Exists(report.Str("scratch")), report.Str("scratch") + " was left behind");
        Assert.Equal(aviBytes, new FileInfo(avi).Length);
    }

    /// <summary>2 s of testsrc, 320x240, MPEG-4 part 2 video and AC-3 audio in AVI: browsers play neither.</summary>
    private static Task<string> AviAsync() => TestMedia.CachedAsync("bench-playback-mpeg4-ac3.avi", path =>
        TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=2",
            "-c:v", "mpeg4", "-q:v", "5", "-c:a", "ac3", "-shortest", path));
}
