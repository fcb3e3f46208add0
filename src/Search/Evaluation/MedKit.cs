using Cbvr.Search.Evaluation.Med14;

namespace Cbvr.Search.Evaluation;

/// <summary>An event of a MED kit: id, name, kit text (the 0Ex query) and the 1Ex example clips (empty when the kit has none).</summary>
public sealed record MedEvent(string Id, string Name, string Text, IReadOnlyList<string> ExampleFiles);

/// <summary>
/// A MED14-style kit folder: EventDB.csv, events/EVENT.txt, Examples_kEx.csv per condition (whichever exist), ClipMD.csv (the
/// search collection, clip id → file), TrialIndex.csv, Ref.csv and JudgementMD.csv (ground truth, optional). Every file is read
/// through <see cref="MedCsv"/>; a malformed or inconsistent kit fails with <see cref="InvalidDataException"/> naming the file,
/// the line and the reason (<see cref="MedKitReader"/>).
/// </summary>
public sealed record MedKit(string Folder, IReadOnlyList<MedEvent> Events, IReadOnlyDictionary<string, string> Clips, IReadOnlySet<(string Clip, string Event)> Positives)
{
    public const string ZeroExample = "0Ex";

    /// <summary>Every (clip, event) pair to score (TrialIndex.csv; built as clips × events when the kit has none).</summary>
    public IReadOnlyList<TrialRow> Trials { get; init; } = [];

    /// <summary>Whether the kit has ground truth (Ref.csv or JudgementMD.csv).</summary>
    public bool HasTruth { get; init; }

    /// <summary>Example clip files per condition ("1Ex", "10Ex", ...) and event.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Examples { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>The conditions the kit supports: 0Ex, then the example conditions in order of size.</summary>
    public IReadOnlyList<string> Conditions => [ZeroExample, .. Examples.Keys.OrderBy(ExampleCount)];

    public static MedKit Load(string folder) => MedKitReader.Load(folder);

    /// <summary>The number of examples a condition name stands for ("10Ex" → 10); throws for a name that is not kEx.</summary>
    public static int ExampleCount(string condition) =>
        condition.EndsWith("Ex", StringComparison.Ordinal) && int.TryParse(condition.AsSpan(0, condition.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
            ? k
            : throw new ArgumentException($"condition \"{condition}\" is not 0Ex, 1Ex, 10Ex or 100Ex", nameof(condition));

    /// <summary>The examples of <paramref name="eventId"/> in <paramref name="condition"/> (none for 0Ex).</summary>
    public IReadOnlyList<string> ExampleFiles(string eventId, string condition)
    {
        if (condition == ZeroExample)
        {
            return [];
        }

        RequireCondition(condition);
        return Examples[condition].GetValueOrDefault(eventId) ?? [];
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the missing example list when the kit lacks <paramref name="condition"/>.</summary>
    public void RequireCondition(string condition)
    {
        if (ExampleCount(condition) > 0 && !Examples.ContainsKey(condition))
        {
            throw new InvalidDataException($"{Path.Combine(Folder, MedKitReader.ExampleList(condition))}: file not found: the kit has no {condition} condition (it has {string.Join(", ", Conditions)})");
        }
    }
}
