using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Tests.Media;

/// <summary>Which originals browsers play as they are; the rows are the demo corpus's probe records (container, codecs, name).</summary>
public sealed class BrowserPlayabilityTests
{
    private const string Iso = BrowserPlayability.IsoMediaContainer;

    [Theory]
    [InlineData(Iso, "h264", "aac", "VID_20191220_170832.mp4", "video/mp4")]
    [InlineData(Iso, "h264", "mp3", "cockatoo.mp4", "video/mp4")]
    [InlineData(Iso, "h264", null, "silent.mp4", "video/mp4")]
    [InlineData(Iso, "h264", "aac", "phone.mov", "video/mp4")]
    [InlineData(Iso, "mjpeg", "mp2", "diver.mov", null)]
    [InlineData("avi", "h264", "aac", "movie-hello.avi", null)]
    [InlineData("avi", "msmpeg4v3", null, "vtest.avi", null)]
    [InlineData("avi", "mpeg4", "ac3", "Megamind.avi", null)]
    [InlineData("avi", "mpeg4", null, "retroMars2018.avi", null)]
    [InlineData("avi", "cinepak", null, "tree.avi", null)]
    [InlineData("avi", "mjpeg", "pcm_u8", "movie.avi", null)]
    [InlineData("mpeg", "mpeg2video", "mp2", "movie-hello.mpeg", null)]
    [InlineData("mpeg", "mpeg2video", null, "cityCC0.mpg", null)]
    [InlineData("ogg", "theora", null, "Shepard_Calais_1906_FrenchGP.ogv.160p.ogv", null)]
    public void DemoCorpus_OnlyMp4WithH264AndBrowserAudio_PlaysAsIs(string container, string video, string? audio, string file, string? expected) =>
        Assert.Equal(expected, BrowserPlayability.OriginalContentType(container, video, audio, file));

    [Theory]
    [InlineData(Iso, "hevc", "aac", "iphone.mov", null)]
    [InlineData(Iso, "h264", "ac3", "broadcast.mp4", null)]
    [InlineData(Iso, "h264", "pcm_s16le", "camera.mov", null)]
    [InlineData(Iso, "av1", "opus", "modern.mp4", "video/mp4")]
    [InlineData("matroska,webm", "vp9", "opus", "clip.webm", "video/webm")]
    [InlineData("matroska,webm", "vp8", "vorbis", "CLIP.WEBM", "video/webm")]
    [InlineData("matroska,webm", "vp9", "opus", "clip.mkv", null)]
    [InlineData("matroska,webm", "h264", "aac", "clip.webm", null)]
    [InlineData("matroska,webm", "vp9", "aac", "clip.webm", null)]
    public void OtherCombinations_AreDecidedConservatively(string container, string video, string? audio, string file, string? expected) =>
        Assert.Equal(expected, BrowserPlayability.OriginalContentType(container, video, audio, file));
}
