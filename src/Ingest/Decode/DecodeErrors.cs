using System.Text.RegularExpressions;
using Cbvr.Ingest.Media;

namespace Cbvr.Ingest.Decode;

/// <summary>ffmpeg's error lines split into those about the video stream and the rest. Pure, tested on captured output.</summary>
public sealed partial record DecodeErrors(IReadOnlyList<string> Video, IReadOnlyList<string> Other)
{
    /// <summary>Sorts error lines: "Error while decoding stream #0:N" by stream index, "[codec @ 0x..]" by codec name.</summary>
    public static DecodeErrors Classify(IEnumerable<string> lines, int videoStreamIndex, string videoCodec)
    {
        var video = new List<string>();
        var other = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var stream = StreamRef().Match(line);
            var context = Context().Match(line);
            var isVideo = stream.Success
                ? int.Parse(stream.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) == videoStreamIndex
                : context.Success && string.Equals(context.Groups[1].Value, videoCodec, StringComparison.OrdinalIgnoreCase);
            (isVideo ? video : other).Add(FfmpegMessages.StripContext(line));
        }

        return new DecodeErrors(video, other);
    }

    [GeneratedRegex(@"stream #\d+:(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex StreamRef();

    [GeneratedRegex(@"^\[([A-Za-z0-9_]+) @ 0x[0-9a-f]+\]")]
    private static partial Regex Context();
}
