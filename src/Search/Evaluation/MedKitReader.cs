using Cbvr.Search.Evaluation.Med14;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// Reads a MED kit folder into a <see cref="MedKit"/> and checks it is consistent: unique event and clip ids, media files that
/// exist, example lists and judgements naming known events, TrialIndex rows whose TrialID is "ClipID.EventID" with the clip in
/// ClipMD and the event in EventDB. Every problem is an <see cref="InvalidDataException"/> "PATH: line N: reason".
/// </summary>
public static class MedKitReader
{
    /// <summary>The example list of a condition: Examples_10Ex.csv for 10Ex.</summary>
    public static string ExampleList(string condition) => $"Examples_{condition}.csv";

    public static MedKit Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"{folder}: kit folder not found");
        }

        var eventDb = Path.Combine(folder, "EventDB.csv");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, r) in MedCsv.ReadNumbered(eventDb, "EventID", "EventName"))
        {
            var id = Required(r["EventID"], "EventID", eventDb, line);
            if (!names.TryAdd(id, r["EventName"].Replace('_', ' ')))
            {
                throw Bad(eventDb, line, $"event {id} is listed twice");
            }
        }

        var clipMd = Path.Combine(folder, "ClipMD.csv");
        var clips = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, r) in MedCsv.ReadNumbered(clipMd, "ClipID", "MEDIA_FILE"))
        {
            var id = Required(r["ClipID"], "ClipID", clipMd, line);
            if (!clips.TryAdd(id, Media(folder, r["MEDIA_FILE"], clipMd, line)))
            {
                throw Bad(clipMd, line, $"clip {id} is listed twice");
            }
        }

        var examples = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "Examples_*Ex.csv").Order(StringComparer.Ordinal))
        {
            var condition = Path.GetFileNameWithoutExtension(file)["Examples_".Length..];
            if (!int.TryParse(condition.AsSpan(0, condition.Length - 2), out var k) || k < 1)
            {
                continue;
            }

            examples[condition] = MedCsv.ReadNumbered(file, "EventID", "MEDIA_FILE")
                .Select(x => (Event: Known(x.Fields["EventID"], names, file, x.Line), File: Media(folder, x.Fields["MEDIA_FILE"], file, x.Line)))
                .GroupBy(x => x.Event, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.File)], StringComparer.Ordinal);
        }

        var trials = Trials(folder, names, clips);
        var (positives, hasTruth) = Truth(folder, names);
        var events = names.Select(n =>
        {
            var textFile = Path.Combine(folder, "events", n.Key + ".txt");
            var text = File.Exists(textFile) ? File.ReadAllText(textFile) : n.Value;
            var oneExample = examples.TryGetValue("1Ex", out var one) ? one.GetValueOrDefault(n.Key) ?? [] : [];
            return new MedEvent(n.Key, n.Value, text, oneExample);
        }).ToList();
        return new MedKit(folder, events, clips, positives) { Trials = trials, HasTruth = hasTruth, Examples = examples };
    }

    private static List<TrialRow> Trials(string folder, Dictionary<string, string> events, Dictionary<string, string> clips)
    {
        var path = Path.Combine(folder, "TrialIndex.csv");
        if (!File.Exists(path))
        {
            return [.. events.Keys.SelectMany(e => clips.Keys.Select(c => new TrialRow($"{c}.{e}", c, e)))];
        }

        var rows = Med14Files.ReadTrialIndex(path);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var problem =
                row.TrialId != $"{row.ClipId}.{row.EventId}" ? $"TrialID \"{row.TrialId}\" is not ClipID.EventID (\"{row.ClipId}.{row.EventId}\")"
                : !clips.ContainsKey(row.ClipId) ? $"clip {row.ClipId} is not in ClipMD.csv"
                : !events.ContainsKey(row.EventId) ? $"event {row.EventId} is not in EventDB.csv"
                : !seen.Add(row.TrialId) ? $"trial {row.TrialId} is listed twice"
                : null;
            if (problem is not null)
            {
                throw Bad(path, LineOf(path, i), problem);
            }
        }

        return [.. rows];
    }

    /// <summary>Targets from Ref.csv (y), else the positives of JudgementMD.csv; checked against EventDB either way.</summary>
    private static (HashSet<(string Clip, string Event)> Positives, bool HasTruth) Truth(string folder, Dictionary<string, string> events)
    {
        var judgements = Path.Combine(folder, "JudgementMD.csv");
        var judged = File.Exists(judgements)
            ? MedCsv.ReadNumbered(judgements, "ClipID", "EventID", "INSTANCE_TYPE")
                .Where(x => Known(x.Fields["EventID"], events, judgements, x.Line) is not null && x.Fields["INSTANCE_TYPE"].Equals("positive", StringComparison.OrdinalIgnoreCase))
                .Select(x => (x.Fields["ClipID"], x.Fields["EventID"])).ToHashSet()
            : null;
        var refPath = Path.Combine(folder, "Ref.csv");
        if (!File.Exists(refPath))
        {
            return (judged ?? [], judged is not null);
        }

        var rows = Med14Files.ReadRef(refPath);
        var positives = new HashSet<(string, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var dot = rows[i].TrialId.LastIndexOf('.');
            if (dot <= 0 || dot == rows[i].TrialId.Length - 1)
            {
                throw Bad(refPath, LineOf(refPath, i), $"TrialID \"{rows[i].TrialId}\" is not ClipID.EventID");
            }

            if (rows[i].Target)
            {
                positives.Add((rows[i].TrialId[..dot], rows[i].TrialId[(dot + 1)..]));
            }
        }

        return (positives, true);
    }

    private static string Media(string folder, string relative, string path, int line)
    {
        var file = Path.GetFullPath(Path.Combine(folder, Required(relative, "MEDIA_FILE", path, line)));
        return File.Exists(file) ? file : throw Bad(path, line, $"media file {relative} not found ({file})");
    }

    private static string Known(string eventId, Dictionary<string, string> events, string path, int line) =>
        events.ContainsKey(eventId) ? eventId : throw Bad(path, line, $"event \"{eventId}\" is not in EventDB.csv");

    private static string Required(string value, string column, string path, int line) =>
        string.IsNullOrWhiteSpace(value) ? throw Bad(path, line, $"{column} is empty") : value;

    /// <summary>The line the <paramref name="index"/>-th data row came from (blank lines are skipped by the readers).</summary>
    private static int LineOf(string path, int index) => MedCsv.ReadNumbered(path)[index].Line;

    private static InvalidDataException Bad(string path, int line, string reason) => new($"{path}: line {line}: {reason}");
}
