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

    /// <summary>Why ffprobe failed, from its stderr lines.</summary>
    public static string DescribeProbeFailure(IReadOnlyList<string> stderr)
    {
        foreach (var (needle, cause) in KnownCauses)
        {
            if (stderr.Any(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase)))
            {
                return cause;
            }
        }

        var last = stderr.LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        return last is null ? "ffprobe could not read the file" : "ffprobe could not read the file: " + StripContext(last);
    }

    /// <summary>Removes ffmpeg's "[codec @ 0x...] " prefix and the input URL from a log line.</summary>
    public static string StripContext(string line)
    {
        var text = line.Trim();
        if (text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is var close and > 0)
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
