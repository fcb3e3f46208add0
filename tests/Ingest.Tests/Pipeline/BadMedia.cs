using System.Buffers.Binary;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>Damaged and hostile inputs, made from real generated clips.</summary>
public static class BadMedia
{
    public static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An MP4 cut in half: its moov atom (written last) is gone.</summary>
    public static async Task<string> TruncatedMp4Async(string folder)
    {
        var bytes = await File.ReadAllBytesAsync(await TestMedia.PatternClipAsync(4));
        return Write(folder, "truncated.mp4", bytes[..(bytes.Length / 2)]);
    }

    /// <summary>An H.264 MP4 whose middle 4 KB of frame data is random: the container is intact, the bitstream is not.</summary>
    public static async Task<string> CorruptBitstreamAsync(string folder)
    {
        var source = await TestMedia.CachedAsync("corruptible.mp4", file => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=6", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", file));
        var bytes = await File.ReadAllBytesAsync(source);
        var mdat = bytes.AsSpan().IndexOf("mdat"u8);
        var start = mdat + ((bytes.Length - mdat) / 2) - 2000;
        new Random(1).NextBytes(bytes.AsSpan(start, 4000));
        return Write(folder, "corrupt.mp4", bytes);
    }

    /// <summary>A 2 s MP4 whose movie header claims <paramref name="hours"/> hours.</summary>
    public static async Task<string> LyingDurationAsync(string folder, int hours)
    {
        var bytes = await File.ReadAllBytesAsync(await TestMedia.PatternClipAsync(2, audio: false, width: 160, height: 120));
        var mvhd = bytes.AsSpan().IndexOf("mvhd"u8);
        var timescale = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mvhd + 16));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(mvhd + 20), checked((uint)(timescale * 3600L * hours)));
        var tkhd = bytes.AsSpan().IndexOf("tkhd"u8);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(tkhd + 24), checked((uint)(timescale * 3600L * hours)));
        return Write(folder, $"claims-{hours}h.mp4", bytes);
    }

    /// <summary>An AVI of raw video whose headers claim <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static async Task<string> AbsurdFrameSizeAsync(string folder, int width, int height)
    {
        var source = await TestMedia.CachedAsync("raw.avi", file => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc=size=32x24:rate=5:duration=2", "-c:v", "rawvideo", "-pix_fmt", "bgr24", file));
        var bytes = await File.ReadAllBytesAsync(source);
        var avih = bytes.AsSpan().IndexOf("avih"u8);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(avih + 40), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(avih + 44), height);
        var strf = bytes.AsSpan().IndexOf("strf"u8);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(strf + 12), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(strf + 16), height);
        return Write(folder, $"frames-{width}x{height}.avi", bytes);
    }

    /// <summary>Two seconds of audio in an MP4, no video.</summary>
    public static Task<string> AudioOnlyAsync() => TestMedia.CachedAsync("audio-only.mp4", file => TestMedia.FfmpegAsync(
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", file));
}
