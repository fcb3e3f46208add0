using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Tests.Media;

/// <summary>What the prober rejects before any decoding, on parsed ffprobe output.</summary>
public sealed class MediaValidationTests
{
    private static readonly IngestOptions Options = new();

    private static MediaInfo Parse(string name) =>
        ProbeParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ffprobe", name + ".json")));

    [Fact]
    public void Validate_AudioOnly_SaysSo() =>
        Assert.Contains("audio only", Assert.Throws<IngestException>(() => MediaProber.Validate(Parse("audio"), Options)).Message);

    [Fact]
    public void Validate_StillImage_SaysItIsNotAVideo() =>
        Assert.Contains("still image", Assert.Throws<IngestException>(() => MediaProber.Validate(Parse("still"), Options)).Message);

    [Fact]
    public void Validate_ZeroFrameSize_IsADamagedHeader()
    {
        var info = Parse("phone-h264-aac");
        var broken = info with { Video = info.Video! with { Width = 0, Height = 0 } };

        Assert.Contains("0x0", Assert.Throws<IngestException>(() => MediaProber.Validate(broken, Options)).Message);
    }

    [Fact]
    public void Validate_HugeFrameSize_NamesTheLimit()
    {
        var info = Parse("phone-h264-aac");
        var huge = info with { Video = info.Video! with { Width = 20000, Height = 20000 } };

        var error = Assert.Throws<IngestException>(() => MediaProber.Validate(huge, Options));
        Assert.Contains("20000x20000", error.Message);
        Assert.Contains("Ingest:MaxFrameSide", error.Message);
    }

    [Fact]
    public void Validate_RealVideo_Passes() => MediaProber.Validate(Parse("phone-h264-aac"), Options);
}
