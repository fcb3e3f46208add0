using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Tests.Media;

/// <summary>Pure parsers of ffmpeg/ffprobe stderr, on lines captured from real runs of ffmpeg 5.1.</summary>
public sealed class FfmpegOutputTests
{
    [Fact]
    public void DescribeProbeFailure_MissingMoov_SaysTruncated() =>
        Assert.Contains("moov atom not found", FfmpegMessages.DescribeProbeFailure(
        [
            "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c8e4a540] moov atom not found",
            "file:/tmp/x/truncated.mp4: Invalid data found when processing input",
        ]));

    [Fact]
    public void DescribeProbeFailure_MissingMoovOnAFileThatIsNoMp4_SaysInvalidData() =>
        Assert.Contains("invalid data", FfmpegMessages.DescribeProbeFailure(
            ["[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c8e4a540] moov atom not found", "file:/tmp/x/notes.mp4: Invalid data found when processing input"],
            looksLikeIsoMedia: FfmpegMessages.LooksLikeIsoMedia("Shopping list"u8)));

    [Fact]
    public void DescribeProbeFailure_TextFile_SaysInvalidData() =>
        Assert.Contains("invalid data", FfmpegMessages.DescribeProbeFailure(["file:/tmp/x/notes.mp4: Invalid data found when processing input"]));

    [Fact]
    public void DescribeProbeFailure_UnknownMessage_KeepsItWithoutContext() =>
        Assert.Equal("ffprobe could not read the file: something odd", FfmpegMessages.DescribeProbeFailure(["[foo @ 0x1234] something odd"]));

    [Fact]
    public void Classify_SeparatesVideoErrorsFromAudioErrors()
    {
        string[] lines =
        [
            "[h264 @ 0x5581e1a6c9c0] Invalid NAL unit size (1145324612 > 1866).",
            "[h264 @ 0x5581e1a6c9c0] Error splitting the input into NAL units.",
            "Error while decoding stream #0:0: Invalid data found when processing input",
            "Error while decoding stream #0:1: Invalid data found when processing input",
            "[ac3 @ 0x55f3ad6d81c0] incomplete frame",
        ];

        var errors = DecodeErrors.Classify(lines, videoStreamIndex: 0, videoCodec: "h264");

        Assert.Equal(3, errors.Video.Count);
        Assert.Equal("Invalid NAL unit size (1145324612 > 1866).", errors.Video[0]);
        Assert.Equal(2, errors.Other.Count);
    }
}
