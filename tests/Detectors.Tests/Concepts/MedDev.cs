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
