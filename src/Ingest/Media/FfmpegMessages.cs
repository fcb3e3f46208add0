namespace Cbvr.Ingest.Media;

/// <summary>Turns ffmpeg/ffprobe error output into one line a user understands. Pure functions, tested on captured output.</summary>
public static class FfmpegMessages
{
    private static readonly (string Needle, string Cause)[] KnownCauses =
    [
        ("moov atom not found", "truncated or incomplete MP4/MOV file (moov atom not found)"),
        ("Invalid data found when processing input", "not a media file ffmpeg can read (invalid data)"),
        ("No such file or directory", "file not found"),
        ("Permission denied", "permission denied"),
        ("Is a directory", "is a directory, not a file"),
        ("End of file", "file ends before its header does (truncated)"),
        ("could not find codec parameters", "codec parameters could not be determined (damaged or unsupported stream)"),
    ];

    /// <summary>
    /// Why ffprobe failed, from its stderr lines. <paramref name="looksLikeIsoMedia"/> says whether the file starts like an
    /// MP4/MOV (a box type at offset 4): ffmpeg picks its MP4 reader by extension, so a text file named .mp4 also gets
    /// "moov atom not found", which only means "truncated" for a file that really is an MP4.
    /// </summary>
    public static string DescribeProbeFailure(IReadOnlyList<string> stderr, bool looksLikeIsoMedia = true)
    {
        foreach (var (needle, cause) in KnownCauses)
        {
            if (needle == "moov atom not found" && !looksLikeIsoMedia)
            {
                continue;
            }

            if (stderr.Any(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase)))
            {
                return cause;
            }
        }

        var last = stderr.LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        return last is null ? "ffprobe could not read the file" : "ffprobe could not read the file: " + StripContext(last);
    }

    /// <summary>True when <paramref name="header"/> (the first bytes of a file) starts with an ISO media box (ftyp, moov, mdat, free, wide, skip).</summary>
    public static bool LooksLikeIsoMedia(ReadOnlySpan<byte> header)
    {
        if (header.Length < 8)
        {
            return false;
        }

        var type = header.Slice(4, 4);
        return type.SequenceEqual("ftyp"u8) || type.SequenceEqual("moov"u8) || type.SequenceEqual("mdat"u8)
            || type.SequenceEqual("free"u8) || type.SequenceEqual("wide"u8) || type.SequenceEqual("skip"u8);
    }

    /// <summary>Removes ffmpeg's "[codec @ 0x...] " prefixes and the input URL from a log line.</summary>
    public static string StripContext(string line)
    {
        var text = line.Trim();
        while (text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is var close and > 0)
        {
            text = text[(close + 2)..];
        }

        if (text.StartsWith("file:", StringComparison.Ordinal) && text.IndexOf(": ", 5, StringComparison.Ordinal) is var colon and > 0)
        {
            text = text[(colon + 2)..];
        }

        return text;
    }
}
