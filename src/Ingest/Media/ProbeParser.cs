using System.Globalization;
using System.Text.Json;
using FFMpegCore;

namespace Cbvr.Ingest.Media;

/// <summary>Pure parser of <c>ffprobe -print_format json -show_format -show_streams</c> output.</summary>
public static class ProbeParser
{
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    /// <summary>Parses ffprobe's JSON. Throws <see cref="FormatException"/> when the text is not ffprobe output.</summary>
    public static MediaInfo Parse(string json)
    {
        FFProbeAnalysis? analysis;
        try
        {
            analysis = JsonSerializer.Deserialize<FFProbeAnalysis>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"ffprobe output is not valid JSON: {e.Message}", e);
        }

        if (analysis?.Format is null)
        {
            throw new FormatException("ffprobe output has no 'format' section");
        }

        var streams = analysis.Streams ?? [];
        var video = streams
            .Where(s => s.CodecType == "video" && !IsAttachedPicture(s))
            .OrderByDescending(s => Flag(s, "default"))
            .Select(ToVideo)
            .FirstOrDefault();
        var audio = streams
            .Where(s => s.CodecType == "audio")
            .OrderByDescending(s => Flag(s, "default"))
            .Select(ToAudio)
            .FirstOrDefault();

        return new MediaInfo(
            Container: analysis.Format.FormatName ?? "unknown",
            DurationSeconds: ParseDouble(analysis.Format.Duration),
            SizeBytes: ParseLong(analysis.Format.Size),
            BitRate: ParseLong(analysis.Format.BitRate),
            Video: video,
            Audio: audio,
            StreamCount: streams.Count);
    }

    /// <summary>Parses an ffprobe rate such as <c>30000/1001</c>; null for <c>0/0</c> or garbage.</summary>
    public static double? ParseRational(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return ParseDouble(text);
        }

        var num = ParseDouble(text[..slash]);
        var den = ParseDouble(text[(slash + 1)..]);
        return num is { } n && den is { } d && d != 0 && n > 0 ? n / d : null;
    }

    private static VideoStreamInfo ToVideo(FFProbeStream s)
    {
        var fps = ParseRational(s.AvgFrameRate) ?? ParseRational(s.FrameRate) ?? 0;
        var sar = ParseAspect(s.SampleAspectRatio) ?? 1;
        return new VideoStreamInfo(
            Index: s.Index,
            Codec: s.CodecName ?? "unknown",
            Width: s.Width ?? 0,
            Height: s.Height ?? 0,
            FramesPerSecond: fps,
            Rotation: ReadRotation(s),
            SampleAspectRatio: sar,
            DurationSeconds: ParseDouble(s.Duration),
            FrameCount: s.ExtensionData is { } ext && ext.TryGetValue("nb_frames", out var nb) ? ParseLong(nb.ToString()) : null);
    }

    private static AudioStreamInfo ToAudio(FFProbeStream s) =>
        new(s.Index, s.CodecName ?? "unknown", (int)(ParseLong(s.SampleRate) ?? 0), s.Channels ?? 0);

    /// <summary>Clockwise rotation to apply for display, from the display matrix (ffmpeg 5+) or the legacy 'rotate' tag.</summary>
    private static int ReadRotation(FFProbeStream s)
    {
        double? degrees = null;
        foreach (var side in s.SideData ?? [])
        {
            if (side.TryGetValue("rotation", out var value) && value.TryGetValue<double>(out var r))
            {
                // The display matrix states the counter-clockwise rotation; a phone held upright says -90.
                degrees = -r;
            }
        }

        if (degrees is null && s.Tags is { } tags && tags.TryGetValue("rotate", out var tag))
        {
            degrees = ParseDouble(tag);
        }

        var normalised = (int)Math.Round((degrees ?? 0) / 90.0) * 90 % 360;
        return normalised < 0 ? normalised + 360 : normalised;
    }

    private static bool IsAttachedPicture(FFProbeStream s) => Flag(s, "attached_pic") == 1;

    private static int Flag(FFProbeStream s, string name) =>
        s.Disposition is { } d && d.TryGetValue(name, out var v) ? v : 0;

    private static double? ParseAspect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(':');
        return parts.Length == 2 && ParseDouble(parts[0]) is { } a && ParseDouble(parts[1]) is { } b && a > 0 && b > 0 ? a / b : null;
    }

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static long? ParseLong(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
