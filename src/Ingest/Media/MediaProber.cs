using System.Globalization;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Media;

/// <summary>Runs ffprobe on a file and checks that the result is a video Cbvr can ingest.</summary>
public sealed class MediaProber(FfmpegTools tools, IOptions<IngestOptions> options)
{
    private static readonly string[] StillImageFormats = ["image2", "png_pipe", "jpeg_pipe", "bmp_pipe", "webp_pipe", "gif_pipe", "tiff_pipe", "svg_pipe"];

    /// <summary>Raw elementary video streams: no container, so no duration or frame count in the header; the decode measures them.</summary>
    private static readonly string[] RawStreamFormats = ["m4v", "h264", "hevc", "mpegvideo", "h263", "vc1", "ivf", "obu"];

    /// <summary>Probes and validates; throws <see cref="IngestException"/> naming the cause.</summary>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var opts = options.Value;
        string[] args = ["-v", "error", "-hide_banner", "-print_format", "json", "-show_format", "-show_streams", FfmpegTools.InputUrl(path)];
        ProcessResult result;
        try
        {
            result = await ExternalProcess.RunAsync(tools.FfprobePath, args, TimeSpan.FromSeconds(opts.ProbeTimeoutSeconds), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new IngestException($"probing took too long: {e.Message}", e);
        }

        if (result.ExitCode != 0)
        {
            throw new IngestException(FfmpegMessages.DescribeProbeFailure(result.StandardError, FfmpegMessages.LooksLikeIsoMedia(ReadHeader(path))));
        }

        MediaInfo info;
        try
        {
            info = ProbeParser.Parse(result.StandardOutput);
        }
        catch (FormatException e)
        {
            throw new IngestException($"ffprobe gave unreadable output: {e.Message}", e);
        }

        try
        {
            Validate(info, opts);
        }
        catch (IngestException e) when (result.StandardError.Count > 0)
        {
            // ffprobe may succeed yet say why a stream is unusable ("Picture size 20000x20000 is invalid").
            throw new IngestException($"{e.Message} ({FfmpegMessages.StripContext(result.StandardError[0])})", e);
        }

        return info;
    }

    private static byte[] ReadHeader(string path)
    {
        var header = new byte[8];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        return header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
    }

    /// <summary>Rejects what cannot be a usable video: no video stream, still images, absurd sizes or durations.</summary>
    public static void Validate(MediaInfo info, IngestOptions opts)
    {
        if (info.Video is not { } video)
        {
            throw new IngestException(info.Audio is { } audio
                ? $"no video stream (audio only: {audio.Codec} in {info.Container})"
                : $"no video stream in {info.Container}");
        }

        if (StillImageFormats.Contains(info.Container)
            || (info.DurationSeconds is null or <= 0 && video.FrameCount is null or <= 1 && !RawStreamFormats.Contains(info.Container)))
        {
            throw new IngestException($"a still image ({video.Codec} in {info.Container}), not a video");
        }

        if (video.Width <= 0 || video.Height <= 0)
        {
            throw new IngestException($"video stream has no frame size ({video.Width}x{video.Height}): damaged header");
        }

        if (video.Width > opts.MaxFrameSide || video.Height > opts.MaxFrameSide)
        {
            throw new IngestException(string.Create(
                CultureInfo.InvariantCulture,
                $"frame size {video.Width}x{video.Height} exceeds the limit of {opts.MaxFrameSide} pixels per side (Ingest:MaxFrameSide)"));
        }

        if (info.DurationSeconds is { } duration && duration > opts.MaxDurationHours * 3600)
        {
            throw new IngestException(string.Create(
                CultureInfo.InvariantCulture,
                $"duration {TimeSpan.FromSeconds(duration):c} exceeds the limit of {opts.MaxDurationHours} h (Ingest:MaxDurationHours)"));
        }
    }
}
