using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Media;

/// <summary>Where ffmpeg and ffprobe are: <c>Ingest:FfmpegDirectory</c>, else FFMpegCore's configured folder, else PATH.</summary>
public sealed class FfmpegTools
{
    public FfmpegTools(IOptions<IngestOptions> options)
    {
        var folder = options.Value.FfmpegDirectory;
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = FFMpegCore.GlobalFFOptions.Current.BinaryFolder;
        }

        FfmpegPath = Resolve(folder, "ffmpeg");
        FfprobePath = Resolve(folder, "ffprobe");
    }

    public string FfmpegPath { get; }

    public string FfprobePath { get; }

    /// <summary>
    /// The input argument for a local file. An absolute path behind <c>file:</c> is never read as an option
    /// (leading '-') nor as another protocol (a ':' in the name).
    /// </summary>
    public static string InputUrl(string fullPath) => "file:" + Path.GetFullPath(fullPath);

    private static string Resolve(string? folder, string name)
    {
        if (!string.IsNullOrWhiteSpace(folder))
        {
            return Path.Combine(folder, name);
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return name;
    }
}
