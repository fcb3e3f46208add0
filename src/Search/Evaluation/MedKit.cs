namespace Cbvr.Search.Evaluation;

/// <summary>An event of a MED kit: id, name, kit text (the 0Ex query) and example clips per condition.</summary>
public sealed record MedEvent(string Id, string Name, string Text, IReadOnlyList<string> ExampleFiles);

/// <summary>
/// A MED14-style kit folder (EventDB.csv, events/EVENT.txt, Examples_1Ex.csv, ClipMD.csv, Ref.csv): the events, the search
/// collection (clip id → file) and the ground truth.
/// </summary>
public sealed record MedKit(string Folder, IReadOnlyList<MedEvent> Events, IReadOnlyDictionary<string, string> Clips, IReadOnlySet<(string Clip, string Event)> Positives)
{
    public static MedKit Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        var examples = MedCsv.Read(Path.Combine(folder, "Examples_1Ex.csv"), "EventID", "MEDIA_FILE")
            .GroupBy(r => r["EventID"]).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => Path.Combine(folder, r["MEDIA_FILE"]))]);
        var events = MedCsv.Read(Path.Combine(folder, "EventDB.csv"), "EventID", "EventName").Select(r =>
        {
            var id = r["EventID"];
            var textFile = Path.Combine(folder, "events", id + ".txt");
            var text = File.Exists(textFile) ? File.ReadAllText(textFile) : r["EventName"].Replace('_', ' ');
            return new MedEvent(id, r["EventName"].Replace('_', ' '), text, examples.GetValueOrDefault(id) ?? []);
        }).ToList();
        var clips = MedCsv.Read(Path.Combine(folder, "ClipMD.csv"), "ClipID", "MEDIA_FILE").ToDictionary(r => r["ClipID"], r => Path.Combine(folder, r["MEDIA_FILE"]), StringComparer.Ordinal);
        var positives = MedCsv.Read(Path.Combine(folder, "Ref.csv"), "TrialID", "Targ")
            .Where(r => r["Targ"].Equals("y", StringComparison.OrdinalIgnoreCase))
            .Select(r => r["TrialID"].Split('.') is [var clip, var e] ? (clip, e) : throw new InvalidDataException($"{folder}/Ref.csv: trial \"{r["TrialID"]}\" is not CLIP.EVENT"))
            .ToHashSet();
        return new MedKit(folder, events, clips, positives);
    }
}
