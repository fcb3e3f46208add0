using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Demo;

/// <summary>Settings of the demo corpus (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>The list of demo clips (package, path, title), relative to the working directory.</summary>
    public string Manifest { get; set; } = "demo/corpus.tsv";

    /// <summary>Where the set-up unpacks each package, one folder per package.</summary>
    public string PackageCache { get; set; } = ".cache/demo-packages";
}

/// <summary>One demo clip and where it was found (null when its package is missing).</summary>
public sealed record DemoClip(string Package, string PackagePath, string Title, string? File);

/// <summary>Reads the demo manifest and finds each clip installed system-wide or unpacked by the set-up.</summary>
public sealed class DemoCorpus(IOptions<DemoOptions> options, ILogger<DemoCorpus> logger)
{
    /// <summary>All clips of the manifest; missing ones have a null <see cref="DemoClip.File"/> and are logged once.</summary>
    public IReadOnlyList<DemoClip> Resolve()
    {
        var opts = options.Value;
        if (!File.Exists(opts.Manifest))
        {
            logger.LogWarning("demo manifest {Manifest} not found; no demo clips", Path.GetFullPath(opts.Manifest));
            return [];
        }

        var clips = new List<DemoClip>();
        foreach (var (package, path, title) in Parse(File.ReadAllLines(opts.Manifest)))
        {
            string[] candidates = [path, Path.Combine(opts.PackageCache, package) + path];
            var found = candidates.FirstOrDefault(File.Exists);
            if (found is null)
            {
                logger.LogWarning("demo clip skipped: {Path} from Debian package {Package} is not present (run the set-up script)", path, package);
            }

            clips.Add(new DemoClip(package, path, title, found is null ? null : Path.GetFullPath(found)));
        }

        return clips;
    }

    /// <summary>Parses manifest lines: tab-separated package, absolute path, title; '#' starts a comment.</summary>
    public static IEnumerable<(string Package, string Path, string Title)> Parse(IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3 || !parts[1].StartsWith('/'))
            {
                throw new FormatException($"demo manifest line {number}: expected 'package<TAB>/absolute/path<TAB>title'");
            }

            yield return (parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
        }
    }
}
