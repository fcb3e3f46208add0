using System.Globalization;
using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Decode;

/// <summary>What one ffmpeg run produces: BGR frames of a fixed size at a fixed rate on stdout, and optionally mono float audio to a file.</summary>
public sealed record DecodePlan(string InputPath, int VideoStreamIndex, int Width, int Height, double FramesPerSecond, int? AudioStreamIndex, string? AudioPath, int AudioSampleRate)
{
    public int FrameBytes => Width * Height * 3;

    /// <summary>Plans the decode of <paramref name="info"/>: display aspect kept, rotation honoured, never upscaled, even sizes.</summary>
    public static DecodePlan Create(string inputPath, MediaInfo info, IngestOptions options, string? audioPath)
    {
        var video = info.Video ?? throw new ArgumentException("no video stream", nameof(info));
        var (width, height) = OutputSize(video.DisplayWidth, video.DisplayHeight, options.FrameShortSide);
        var audio = audioPath is not null && info.Audio is { } a ? a.Index : (int?)null;
        return new DecodePlan(inputPath, video.Index, width, height, options.FramesPerSecond, audio, audio is null ? null : audioPath, options.AudioSampleRate);
    }

    /// <summary>Scales so the shorter side is at most <paramref name="shortSide"/>, keeping aspect; both sides even.</summary>
    public static (int Width, int Height) OutputSize(int displayWidth, int displayHeight, int shortSide)
    {
        var shorter = Math.Min(displayWidth, displayHeight);
        var scale = shorter > shortSide ? (double)shortSide / shorter : 1.0;
        static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
        return (Even(displayWidth * scale), Even(displayHeight * scale));
    }

    /// <summary>The video filter both Cbvr and the benchmark floor use.</summary>
    public string VideoFilter => string.Create(CultureInfo.InvariantCulture, $"fps={FramesPerSecond:0.###},scale={Width}:{Height}:flags=area,format=bgr24");

    /// <summary>ffmpeg arguments; the frames go to stdout, or to the null muxer when <paramref name="toNull"/> (the benchmark floor).</summary>
    public IReadOnlyList<string> Arguments(bool toNull = false)
    {
        var inv = CultureInfo.InvariantCulture;
        var args = new List<string>
        {
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-y",
            "-i", FfmpegTools.InputUrl(InputPath),
            "-map", "0:" + VideoStreamIndex.ToString(inv),
            "-vf", VideoFilter,
            "-f", toNull ? "null" : "rawvideo",
        };
        if (!toNull)
        {
            args.AddRange(["-pix_fmt", "bgr24"]);
        }

        args.Add(toNull ? "-" : "pipe:1");
        if (AudioStreamIndex is { } audio)
        {
            args.AddRange([
                "-map", "0:" + audio.ToString(inv),
                "-ac", "1", "-ar", AudioSampleRate.ToString(inv),
                "-c:a", "pcm_f32le",
                "-f", toNull ? "null" : "wav",
                toNull ? "-" : FfmpegTools.InputUrl(AudioPath!),
            ]);
        }

        return args;
    }
}
