using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Tests.Media;

public sealed class DecodePlanTests
{
    [Theory]
    [InlineData(1920, 1080, 256, 456, 256)]
    [InlineData(1080, 1920, 256, 256, 456)]
    [InlineData(160, 120, 256, 160, 120)]
    [InlineData(214, 160, 256, 214, 160)]
    [InlineData(721, 405, 256, 456, 256)]
    public void OutputSize_KeepsAspectNeverUpscalesAndIsEven(int w, int h, int shortSide, int ew, int eh) =>
        Assert.Equal((ew, eh), DecodePlan.OutputSize(w, h, shortSide));

    [Fact]
    public void Arguments_PassTheFileAsOneFileUrlAndNeverAsAnOption()
    {
        var video = new VideoStreamInfo(0, "h264", 320, 240, 25, 0, 1, 2, 50);
        var info = new MediaInfo("mp4", 2, 1000, null, video, new AudioStreamInfo(1, "aac", 44100, 2), 2);
        var path = "/tmp/-i evil; $(touch x) 'q\".mp4";

        var args = DecodePlan.Create(path, info, new IngestOptions(), "/tmp/a.wav").Arguments().ToList();

        Assert.Contains("file:" + path, args);
        Assert.Equal(args.IndexOf("-i") + 1, args.IndexOf("file:" + path));
        Assert.Contains("pipe:1", args);
        Assert.Contains("file:/tmp/a.wav", args);
        Assert.Contains("-nostdin", args);
    }

    [Fact]
    public void Arguments_ToNull_DecodeTheSameFramesWithoutOutputFiles()
    {
        var video = new VideoStreamInfo(0, "h264", 1280, 720, 25, 0, 1, 2, 50);
        var info = new MediaInfo("mp4", 2, 1000, null, video, new AudioStreamInfo(1, "aac", 44100, 2), 2);
        var plan = DecodePlan.Create("/v.mp4", info, new IngestOptions(), "/tmp/a.wav");

        var floor = plan.Arguments(toNull: true);

        Assert.Contains(plan.VideoFilter, floor);
        Assert.DoesNotContain("pipe:1", floor);
        Assert.DoesNotContain("file:/tmp/a.wav", floor);
        Assert.Equal(2, floor.Count(a => a == "null"));
    }
}
