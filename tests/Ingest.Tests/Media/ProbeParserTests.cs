using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Tests.Media;

/// <summary>The ffprobe parser on JSON captured from real ffprobe 5.1 runs (tests/Ingest.Tests/Data/ffprobe).</summary>
public sealed class ProbeParserTests
{
    private static MediaInfo Parse(string name) =>
        ProbeParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ffprobe", name + ".json")));

    [Fact]
    public void Parse_PhoneVideo_ReadsContainerStreamsAndRates()
    {
        var info = Parse("phone-h264-aac");

        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", info.Container);
        Assert.Equal(1.6, info.DurationSeconds!.Value, 2);
        Assert.Equal("h264", info.Video!.Codec);
        Assert.Equal((1920, 1080), (info.Video.Width, info.Video.Height));
        Assert.Equal(27.02, info.Video.FramesPerSecond, 2); // a variable-rate phone recording: the average rate
        Assert.Equal("aac", info.Audio!.Codec);
        Assert.True(info.Audio.SampleRate > 0);
        Assert.Equal(0, info.Video.Rotation);
    }

    [Fact]
    public void Parse_DisplayMatrix_GivesClockwiseRotationAndSwapsDisplaySize()
    {
        var info = Parse("rotated");

        // ffprobe says "rotation": 90 (counter-clockwise); ffmpeg shows the frame turned 90 degrees counter-clockwise.
        Assert.Equal(270, info.Video!.Rotation);
        Assert.Equal((320, 240), (info.Video.Width, info.Video.Height));
        Assert.Equal((240, 320), (info.Video.DisplayWidth, info.Video.DisplayHeight));
        Assert.Equal(30000.0 / 1001, info.Video.FramesPerSecond, 3);
    }

    [Fact]
    public void Parse_AnamorphicMpeg2_AppliesPixelAspect()
    {
        var info = Parse("anamorphic");

        Assert.Equal(16.0 / 15, info.Video!.SampleAspectRatio, 6);
        Assert.Equal((768, 576), (info.Video.DisplayWidth, info.Video.DisplayHeight));
    }

    [Fact]
    public void Parse_AudioOnly_HasNoVideoStream()
    {
        var info = Parse("audio");

        Assert.Null(info.Video);
        Assert.Equal("aac", info.Audio!.Codec);
    }

    [Fact]
    public void Parse_Mp3WithCoverArt_IgnoresTheAttachedPicture()
    {
        var info = Parse("cover");

        Assert.Null(info.Video);
        Assert.Equal("mp3", info.Audio!.Codec);
        Assert.Equal(2, info.StreamCount);
    }

    [Fact]
    public void Parse_StillImage_IsAJpegPipeWithoutDuration()
    {
        var info = Parse("still");

        Assert.Equal("jpeg_pipe", info.Container);
        Assert.Null(info.DurationSeconds);
        Assert.Equal("mjpeg", info.Video!.Codec);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"streams\": []}")]
    public void Parse_NotFfprobeOutput_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => ProbeParser.Parse(text));

    [Theory]
    [InlineData("30000/1001", 29.97)]
    [InlineData("25/1", 25.0)]
    [InlineData("0/0", null)]
    [InlineData("", null)]
    [InlineData("12.5", 12.5)]
    public void ParseRational_ReadsFfprobeRates(string text, double? expected)
    {
        var value = ProbeParser.ParseRational(text);
        if (expected is null)
        {
            Assert.Null(value);
        }
        else
        {
            Assert.Equal(expected.Value, value!.Value, 2);
        }
    }
}
