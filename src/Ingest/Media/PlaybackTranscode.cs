namespace Cbvr.Ingest.Media;

/// <summary>
/// The ffmpeg arguments of a playback rendition: H.264 (x264 veryfast, CRF 23, yuv420p) with square pixels, the short side at
/// most <see cref="MaxShortSide"/> (never upscaled) and even sides; AAC stereo when the source has audio; the index (moov)
/// before the data so a player starts at once and seeks by range requests. Frames keep their timestamps (variable rate):
/// AVIs that store repeated frames as empty packets (the demo's tree.avi) would otherwise grow duplicated frames at the end. ffmpeg's default auto-rotation turns the
/// frames upright before the scaler, so the copy needs no rotation flag.
/// </summary>
public static class PlaybackTranscode
{
    /// <summary>Largest short side of a rendition in pixels.</summary>
    public const int MaxShortSide = 720;

    /// <summary>
    /// Scale to square pixels (width times the sample aspect ratio), then down so the short side is at most
    /// <see cref="MaxShortSide"/>, rounded down to even sizes of at least 2.
    /// </summary>
    public static string ScaleFilter { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"scale=w='max(2,2*trunc(iw*sar*min(1,{MaxShortSide}/min(iw*sar,ih))/2))':h='max(2,2*trunc(ih*min(1,{MaxShortSide}/min(iw*sar,ih))/2))',setsar=1");

    /// <summary>Arguments that transcode <paramref name="source"/> into <paramref name="target"/> (an MP4 path).</summary>
    public static IReadOnlyList<string> Arguments(string source, string target, bool withAudio)
    {
        var args = new List<string>
        {
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-i", FfmpegTools.InputUrl(source),
            "-map", "0:V:0",
            "-vf", ScaleFilter,
            "-fps_mode", "vfr",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        };
        if (withAudio)
        {
            args.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"]);
        }

        args.AddRange(["-sn", "-dn", "-map_metadata", "-1", "-max_muxing_queue_size", "4096", "-movflags", "+faststart", "-f", "mp4", FfmpegTools.InputUrl(target)]);
        return args;
    }
}
