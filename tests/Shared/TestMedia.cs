using System.Globalization;
using Cbvr.Ingest.Media;

namespace Cbvr.Tests;

/// <summary>
/// Real media for tests: clips generated with ffmpeg's lavfi sources (cached for the test run) and the demo corpus that the
/// set-up unpacks from Debian packages.
/// </summary>
public static class TestMedia
{
    private static readonly Lazy<string> CacheRoot = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("cbvr-test-media-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return root;
    });
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The repository root (the folder with Cbvr.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A fresh empty folder for one test.</summary>
    public static string NewFolder(string prefix = "cbvr-test-") => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Runs ffmpeg with <paramref name="args"/>; throws with its stderr when it fails.</summary>
    public static async Task FfmpegAsync(params string[] args)
    {
        var result = await ExternalProcess.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. args], TimeSpan.FromMinutes(5), CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg " + string.Join(' ', args) + " failed: " + string.Join('\n', result.StandardError));
        }
    }

    /// <summary>
    /// A clip generated once per test run under <paramref name="name"/> by <paramref name="make"/> (which writes to the given path).
    /// </summary>
    public static async Task<string> CachedAsync(string name, Func<string, Task> make)
    {
        var path = Path.Combine(CacheRoot.Value, name);
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                var temp = path + ".part" + Path.GetExtension(name);
                await make(temp);
                File.Move(temp, path);
            }
        }
        finally
        {
            Gate.Release();
        }

        return path;
    }

    /// <summary>A test pattern clip with a sine tone: <paramref name="seconds"/> long, 320x240, 25 fps, H.264 + AAC in MP4.</summary>
    public static Task<string> PatternClipAsync(double seconds = 3, bool audio = true, string pattern = "testsrc", int width = 320, int height = 240)
    {
        var inv = CultureInfo.InvariantCulture;
        var name = string.Create(inv, $"{pattern}-{seconds:0.###}-{width}x{height}{(audio ? "-a" : "")}.mp4");
        return CachedAsync(name, path =>
        {
            var args = new List<string> { "-f", "lavfi", "-i", string.Create(inv, $"{pattern}=size={width}x{height}:rate=25:duration={seconds}") };
            if (audio)
            {
                args.AddRange(["-f", "lavfi", "-i", string.Create(inv, $"sine=frequency=440:sample_rate=44100:duration={seconds}")]);
            }

            args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25"]);
            if (audio)
            {
                args.AddRange(["-c:a", "aac", "-shortest"]);
            }

            args.Add(path);
            return FfmpegAsync([.. args]);
        });
    }

    /// <summary>
    /// A clip of consecutive segments from different lavfi sources joined by hard cuts, 320x240 at 25 fps.
    /// Returns the path and the cut times (the start of every segment but the first).
    /// </summary>
    public static async Task<(string Path, IReadOnlyList<double> Cuts)> HardCutClipAsync(string name, IReadOnlyList<(string Source, double Seconds)> segments)
    {
        var inv = CultureInfo.InvariantCulture;
        var cuts = new List<double>();
        var t = 0.0;
        foreach (var (_, seconds) in segments.SkipLast(1))
        {
            t += seconds;
            cuts.Add(Math.Round(t, 3));
        }

        var path = await CachedAsync(name + ".mp4", file =>
        {
            var args = new List<string>();
            var filter = new System.Text.StringBuilder();
            for (var i = 0; i < segments.Count; i++)
            {
                args.AddRange(["-f", "lavfi", "-t", segments[i].Seconds.ToString(inv), "-i", segments[i].Source]);
                filter.Append(inv, $"[{i}:v]scale=320:240,setsar=1,fps=25,format=yuv420p[v{i}];");
            }

            for (var i = 0; i < segments.Count; i++)
            {
                filter.Append(inv, $"[v{i}]");
            }

            filter.Append(inv, $"concat=n={segments.Count}:v=1:a=0[v]");
            args.AddRange(["-filter_complex", filter.ToString(), "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", file]);
            return FfmpegAsync([.. args]);
        });
        return (path, cuts);
    }

    /// <summary>Demo clip by file name, from the set-up's unpacked Debian packages (null when absent).</summary>
    public static string? DemoClip(string fileName)
    {
        var cache = Path.Combine(RepositoryRoot, ".cache", "demo-packages");
        return Directory.Exists(cache)
            ? Directory.EnumerateFiles(cache, fileName, SearchOption.AllDirectories).FirstOrDefault()
            : null;
    }

    /// <summary>The demo manifest of the repository.</summary>
    public static string DemoManifest => Path.Combine(RepositoryRoot, "demo", "corpus.tsv");

    /// <summary>The set-up's demo package cache.</summary>
    public static string DemoPackageCache => Path.Combine(RepositoryRoot, ".cache", "demo-packages");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cbvr.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cbvr.sln not found above " + AppContext.BaseDirectory);
    }
}
