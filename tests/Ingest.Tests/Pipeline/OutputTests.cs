using System.Buffers.Binary;
using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>What a successful ingest stores: upright keyframes, 16 kHz mono float audio, shots covering the video.</summary>
public sealed class OutputTests
{
    [Fact]
    public async Task RawElementaryStream_WithoutDurationInItsHeader_IsIngestedWithTheDecodedDuration()
    {
        // A raw MPEG-4 part 2 stream named .mp4 (as some datasets ship them): ffprobe reports no duration and no frame count.
        var raw = await TestMedia.CachedAsync("raw-stream.mp4", file => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "mpeg4", "-f", "m4v", file));
        await using var ingest = await IngestFixture.StartAsync();

        var job = await ingest.IngestAsync(raw);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        var video = ingest.Videos.Find(job.VideoId!)!;
        Assert.Equal("m4v", video.Container);
        Assert.InRange(video.DurationSeconds, 3.4, 4.6);
    }

    [Fact]
    public async Task RotatedVideo_IsStoredUprightWithItsRotation()
    {
        var upright = await TestMedia.PatternClipAsync(2, width: 320, height: 240);
        var rotated = await TestMedia.CachedAsync("rotated.mp4", file => TestMedia.FfmpegAsync("-i", upright, "-c", "copy", "-metadata:s:v:0", "rotate=90", file));
        await using var ingest = await IngestFixture.StartAsync();

        var job = await ingest.IngestAsync(rotated);

        var video = ingest.Videos.Find(job.VideoId!)!;
        Assert.Equal(270, video.Rotation);
        Assert.Equal((320, 240), (video.Width, video.Height));
        Assert.Equal((240, 320), (video.FrameWidth, video.FrameHeight));
        var keyframe = await File.ReadAllBytesAsync(KeyframePath(ingest, video, 0));
        Assert.Equal((240, 320), JpegSize(keyframe));
    }

    [Fact]
    public async Task AudioTrack_IsSixteenKilohertzMonoFloatWav()
    {
        await using var ingest = await IngestFixture.StartAsync();

        var job = await ingest.IngestAsync(await TestMedia.PatternClipAsync(3));

        var wav = await File.ReadAllBytesAsync(Path.Combine(ingest.Host.DataDirectory, "videos", job.VideoId!, "audio.wav"));
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        var fmt = wav.AsSpan().IndexOf("fmt "u8) + 8;
        var format = BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(fmt));
        var subFormat = format == 0xFFFE ? BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(fmt + 24)) : format; // WAVE_FORMAT_EXTENSIBLE
        Assert.Equal(3, subFormat); // IEEE float
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(fmt + 2)));   // mono
        Assert.Equal(16000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(fmt + 4)));
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(fmt + 14)));
        var data = wav.AsSpan().IndexOf("data"u8);
        var seconds = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(data + 4)) / (16000.0 * 4);
        Assert.InRange(seconds, 2.9, 3.1);
    }

    [Fact]
    public async Task Shots_CoverTheWholeVideoWithoutGapsOrOverlaps()
    {
        var (clip, cuts) = await TestMedia.HardCutClipAsync("three-shots", [("testsrc=size=320x240:rate=25", 2.2), ("smptebars=size=320x240:rate=25", 2.6), ("mandelbrot=size=320x240:rate=25", 2.0)]);
        await using var ingest = await IngestFixture.StartAsync();

        var job = await ingest.IngestAsync(clip);

        var video = ingest.Videos.Find(job.VideoId!)!;
        var shots = ingest.Videos.Shots(video.Id);
        Assert.Equal(cuts.Count + 1, shots.Count);
        Assert.Equal(0, shots[0].StartSeconds);
        Assert.Equal(video.DurationSeconds, shots[^1].EndSeconds, 2);
        Assert.All(shots.Zip(shots.Skip(1)), pair => Assert.Equal(pair.First.EndSeconds, pair.Second.StartSeconds));
        Assert.All(shots, s => Assert.True(File.Exists(KeyframePath(ingest, video, s.Index))));
    }

    private static string KeyframePath(IngestFixture ingest, VideoRecord video, int shot) =>
        Path.Combine(ingest.Host.DataDirectory, "videos", video.Id, ingest.Videos.Shots(video.Id)[shot].KeyframeFile!);

    /// <summary>Width and height from a baseline JPEG's SOF0 marker.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 5)));
            }
        }

        throw new InvalidDataException("no SOF marker");
    }
}
