using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Concepts;

/// <summary>The med-dev benchmark next to the repository (<c>../shared/data/med-dev</c>): its clips and judgements.</summary>
internal static class MedDev
{
    public static string Root => Path.GetFullPath(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "data", "med-dev"));

    /// <summary>The search collection: clip id to its file.</summary>
    public static IReadOnlyDictionary<string, string> Collection() =>
        Rows("ClipMD.csv").ToDictionary(r => r[0], r => Path.Combine(Root, r[1]));

    /// <summary>The positive clips of <paramref name="eventId"/> (every clip not listed is a negative).</summary>
    public static IReadOnlyList<string> Positives(string eventId) =>
        [.. Rows("JudgementMD.csv").Where(r => r[1] == eventId && r[2] == "positive").Select(r => r[0]).Order(StringComparer.Ordinal)];

    /// <summary>The 1Ex example clip of <paramref name="eventId"/> (not in the search collection).</summary>
    public static string Example(string eventId) =>
        Rows("Examples_1Ex.csv").Where(r => r[0] == eventId).Select(r => Path.Combine(Root, r[2])).Single();

    /// <summary>
    /// <paramref name="path"/>, or for a raw MPEG-4 elementary stream (9 clips of the kit, e.g. HVC1031, are <c>.m4v</c>
    /// streams named <c>.mp4</c>) the same stream copied into an MP4 at 25 fps: ingest refuses raw streams as still images
    /// because they carry no duration or frame count.
    /// </summary>
    public static async Task<string> IngestableAsync(string path)
    {
        var header = new byte[4];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(header);
        }

        if (!header.AsSpan().SequenceEqual(new byte[] { 0, 0, 1, 0xB0 }))
        {
            return path;
        }

        return await TestMedia.CachedAsync("med-dev-" + Path.GetFileNameWithoutExtension(path) + ".mp4", file =>
            TestMedia.FfmpegAsync("-r", "25", "-f", "m4v", "-i", path, "-c", "copy", file));
    }

    /// <summary>The data rows of one of the kit's CSV files (double-quoted fields without commas, header skipped).</summary>
    private static IEnumerable<string[]> Rows(string file)
    {
        var path = Path.Combine(Root, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"med-dev benchmark not found: {path} is missing");
        }

        return File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray());
    }
}
