using Cbvr.Ingest.Catalog;

namespace Cbvr.Ingest.Media;

/// <summary>
/// Whether current browsers (Chromium, Firefox, Safari) play a catalogued video as it is, from what ffprobe said at ingest.
/// Conservative: only MP4/MOV with H.264, VP9 or AV1 video and AAC, MP3 or Opus audio (or none), and WebM files with VP8, VP9
/// or AV1 and Vorbis or Opus. Anything else (AVI, MPEG-PS, Ogg, Matroska other than .webm, MJPEG, MPEG-4 part 2, HEVC, AC-3,
/// PCM...) gets a <see cref="PlaybackRendition"/>.
/// </summary>
public static class BrowserPlayability
{
    /// <summary>ffprobe's format name for the ISO media family (MP4, MOV, 3GP, ...).</summary>
    public const string IsoMediaContainer = "mov,mp4,m4a,3gp,3g2,mj2";

    /// <summary>ffprobe's format name for Matroska and WebM alike.</summary>
    public const string MatroskaContainer = "matroska,webm";

    private static readonly HashSet<string> Mp4Video = new(StringComparer.Ordinal) { "h264", "vp9", "av1" };
    private static readonly HashSet<string> Mp4Audio = new(StringComparer.Ordinal) { "aac", "mp3", "opus" };
    private static readonly HashSet<string> WebmVideo = new(StringComparer.Ordinal) { "vp8", "vp9", "av1" };
    private static readonly HashSet<string> WebmAudio = new(StringComparer.Ordinal) { "vorbis", "opus" };

    /// <summary>
    /// The content type to serve the original with when browsers play it as it is (<c>video/mp4</c> also for a .mov, which
    /// Firefox refuses as <c>video/quicktime</c>); null when it needs a rendition.
    /// </summary>
    public static string? OriginalContentType(VideoRecord video) =>
        OriginalContentType(video.Container, video.VideoCodec, video.HasAudio ? video.AudioCodec ?? "unknown" : null, video.FileName);

    /// <summary>The same decision from the probe fields: <paramref name="audioCodec"/> is null when there is no audio.</summary>
    public static string? OriginalContentType(string container, string videoCodec, string? audioCodec, string fileName)
    {
        if (container == IsoMediaContainer && Mp4Video.Contains(videoCodec) && (audioCodec is null || Mp4Audio.Contains(audioCodec)))
        {
            return "video/mp4";
        }

        // Matroska files that are not named .webm may use any Matroska feature; only real WebM files are trusted.
        return container == MatroskaContainer && Path.GetExtension(fileName).Equals(".webm", StringComparison.OrdinalIgnoreCase)
            && WebmVideo.Contains(videoCodec) && (audioCodec is null || WebmAudio.Contains(audioCodec))
            ? "video/webm"
            : null;
    }

    /// <summary>True when browsers need a <see cref="PlaybackRendition"/> of the video.</summary>
    public static bool NeedsRendition(VideoRecord video) => OriginalContentType(video) is null;
}
