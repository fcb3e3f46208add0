using System.Globalization;
using System.Text;

namespace Cbvr.Search.Shots;

/// <summary>
/// TREC run files of shot-level searches (what <c>trec_eval</c> and TRECVID's <c>sample_eval</c> read): one line
/// <c>TOPIC 0 SHOTID RANK SCORE RUNID</c> per returned shot, ranks 1..n per topic, scores non-increasing, at most
/// <see cref="MaxShotsPerTopic"/> shots a topic. Shot ids follow TRECVID's <c>shot&lt;video&gt;_&lt;shot&gt;</c> form
/// (<see cref="ShotId"/>): the video part is the library video id, or the kit clip id a <see cref="ReadIdMap"/> file gives
/// for it; the shot part is the catalog's shot index plus one (TRECVID numbers a video's shots from 1).
/// </summary>
public static class TrecRun
{
    /// <summary>TRECVID AVS's cap on the shots of one topic.</summary>
    public const int MaxShotsPerTopic = 1000;

    /// <summary><c>shot&lt;video&gt;_&lt;shotIndex + 1&gt;</c>.</summary>
    public static string ShotId(string video, int shotIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"shot{video}_{shotIndex + 1}");

    /// <summary>
    /// Writes the run (LF line ends, invariant numbers) atomically to <paramref name="path"/>. Throws
    /// <see cref="ArgumentException"/> for a run id or topic with white space, more than <see cref="MaxShotsPerTopic"/>
    /// shots for a topic, or scores that increase.
    /// </summary>
    public static void Write(string path, string runId, IEnumerable<(string Topic, IReadOnlyList<(string ShotId, float Score)> Shots)> topics)
    {
        Word(runId, "run id");
        var text = new StringBuilder();
        foreach (var (topic, shots) in topics)
        {
            Word(topic, "topic");
            if (shots.Count > MaxShotsPerTopic)
            {
                throw new ArgumentException($"topic {topic} has {shots.Count} shots; a run has at most {MaxShotsPerTopic} a topic", nameof(topics));
            }

            for (var i = 0; i < shots.Count; i++)
            {
                Word(shots[i].ShotId, "shot id");
                if (!float.IsFinite(shots[i].Score) || (i > 0 && shots[i].Score > shots[i - 1].Score))
                {
                    throw new ArgumentException($"topic {topic}: score {shots[i].Score} at rank {i + 1} is not finite or above the previous", nameof(topics));
                }

                text.Append(CultureInfo.InvariantCulture, $"{topic} 0 {shots[i].ShotId} {i + 1} {shots[i].Score.ToString("R", CultureInfo.InvariantCulture)} {runId}\n");
            }
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>
    /// Reads a <c>VIDEO_ID&lt;TAB&gt;CLIP_ID</c> file (blank and <c>#</c> lines skipped): library video id to the kit's clip id.
    /// Malformed lines throw <see cref="InvalidDataException"/> naming the line.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadIdMap(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: file not found");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllText(path).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 2 || fields.Any(f => f.Trim().Length == 0 || f.Trim().Any(char.IsWhiteSpace)))
            {
                throw new InvalidDataException($"{path}: line {i + 1}: expected VIDEO_ID<TAB>CLIP_ID (two words)");
            }

            if (!map.TryAdd(fields[0].Trim(), fields[1].Trim()))
            {
                throw new InvalidDataException($"{path}: line {i + 1}: video {fields[0].Trim()} is mapped twice");
            }
        }

        return map;
    }

    private static void Word(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"{what} '{value}' must be a non-empty word without white space", nameof(value));
        }
    }
}
