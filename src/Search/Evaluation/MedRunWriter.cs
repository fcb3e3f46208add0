using System.Globalization;
using System.Text;
using System.Text.Json;
using Cbvr.Search.Evaluation.Med14;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// Writes a run into OUT/RUNID/: RUNID.detection.csv and RUNID.threshold.csv (strict MED14 CSV, <see cref="Med14Files"/>),
/// recounting/EVENT.json and EVENT.txt (the top hits with their evidence), and run.json (settings, kit, counts, timings).
/// </summary>
public static class MedRunWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the files and returns the run's folder.</summary>
    public static string Write(MedRunResult run, string outFolder)
    {
        var folder = Path.Combine(Path.GetFullPath(outFolder), run.RunId);
        var recounting = Path.Combine(folder, "recounting");
        Directory.CreateDirectory(recounting);
        Med14Files.WriteDetection(DetectionFile(folder, run.RunId), run.Events.SelectMany(e => e.Detection));
        Med14Files.WriteThreshold(ThresholdFile(folder, run.RunId), run.Events.Select(e => e.Threshold));
        foreach (var e in run.Events)
        {
            File.WriteAllText(Path.Combine(recounting, e.EventId + ".json"), JsonSerializer.Serialize(new { run.RunId, e.EventId, e.EventName, Hits = e.Recounting }, Json));
            File.WriteAllText(Path.Combine(recounting, e.EventId + ".txt"), Text(e));
        }

        var summary = new
        {
            run.RunId,
            run.Settings,
            run.Kit,
            Counts = new { Events = run.Events.Count, Trials = run.Events.Sum(e => e.Detection.Count), run.Clips, run.ClipsInLibrary, Unmatched = run.Events.Sum(e => e.Unmatched) },
            Timings = new
            {
                run.TotalSeconds,
                run.CollectionMetadataHours,
                run.SearchMdAccounting,
                Thresholds = $"{MedRunScores.OutlierZ} standard deviations above the event's mean score, at most trials/{MedRunScores.R0Weight}",
                Scores = "logistic of the z-score of the fused search score among the event's trials; clips the library lacks score 0",
            },
            Events = run.Events.Select(e => new { e.EventId, e.EventName, e.Targets, Trials = e.Detection.Count, e.Unmatched, e.Threshold, e.RecountingSeconds, e.Notes }),
        };
        File.WriteAllText(Path.Combine(folder, "run.json"), JsonSerializer.Serialize(summary, Json));
        return folder;
    }

    public static string DetectionFile(string folder, string runId) => Path.Combine(folder, runId + ".detection.csv");

    public static string ThresholdFile(string folder, string runId) => Path.Combine(folder, runId + ".threshold.csv");

    private static string Text(MedEventRun e)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{e.EventId} {e.EventName}: top {e.Recounting.Count} hits");
        foreach (var hit in e.Recounting)
        {
            text.AppendLine(inv, $"\n#{hit.Rank} {hit.ClipId} ({hit.FileName}, {hit.DurationSeconds:0.0} s) score {hit.Score:0.0000}");
            if (hit.Evidence.Shot is { } shot)
            {
                text.AppendLine(inv, $"  best shot {shot.Index} at {shot.StartSeconds:0.00}-{shot.EndSeconds:0.00} s: {shot.Reason}");
            }

            foreach (var c in hit.Evidence.Concepts)
            {
                var where = c.Shot is { } s ? string.Create(inv, $" (strongest in shot {s} at {c.ShotStartSeconds:0.00} s)") : "";
                text.AppendLine(inv, $"  concept {c.Id} value {c.Value:0.000} x weight {c.Weight:0.000} = {c.Contribution:0.000}{where}");
            }

            foreach (var s in hit.Evidence.Snippets)
            {
                var when = s.StartSeconds is { } start ? string.Create(inv, $" {start:0.00}-{s.EndSeconds:0.00} s") : "";
                text.AppendLine(inv, $"  {s.Field}{when}: \"{s.Text}\"");
            }
        }

        return text.ToString();
    }
}
