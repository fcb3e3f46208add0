using System.Globalization;
using Cbvr.Search.Evaluation.Med14;
using Cbvr.Search.Evaluation.Scoring;

namespace Cbvr.Search.Evaluation;

/// <summary>One run of the dev benchmark: its column name, its settings (null for the random baseline) and its F4DE scores.</summary>
public sealed record MedBenchRun(string Name, string RunId, string Folder, MedRunSettings? Settings, Med14Report Scores, IReadOnlyList<ThresholdRow> Thresholds, double Seconds)
{
    /// <summary>Mean over the events of a threshold-file time column, in seconds.</summary>
    public double MeanSeconds(Func<ThresholdRow, double> hours) => Thresholds.Count == 0 ? 0 : Thresholds.Average(hours) * 3600;
}

/// <summary>The whole benchmark: every run scored, and per event the number of targets, trials and the expected AP% of a random ranking.</summary>
public sealed record MedBenchReport(string Kit, IReadOnlyList<MedBenchRun> Runs, IReadOnlyDictionary<string, int> Targets, IReadOnlyDictionary<string, double> RandomExpectedApPercent)
{
    /// <summary>Mean of the analytic random AP% over the events.</summary>
    public double RandomExpectedMapPercent => RandomExpectedApPercent.Count == 0 ? double.NaN : RandomExpectedApPercent.Values.Average();
}

/// <summary>
/// The MED dev benchmark: every condition the kit has (0Ex, 1Ex, ...) without and with reranking (PRF), each single modality
/// without reranking, and a random ranking (a seeded permutation per event), each run through <see cref="MedRunner"/> (or
/// <see cref="MedRunScores"/> for random), written by <see cref="MedRunWriter"/> and scored by <see cref="Med14Scorer"/> on the
/// files written, so the numbers are F4DE's.
/// </summary>
public sealed class MedBench(MedRunner runner)
{
    /// <summary>Modalities run alone with text queries (0Ex): the ones a text query reaches.</summary>
    public static readonly string[] TextModalities = ["concepts", "text"];

    /// <summary>Modalities run alone with example queries (kEx).</summary>
    public static readonly string[] ExampleModalities = ["resnet18", "visual", "audio", "concepts", "text"];

    public const string RandomRun = "random";

    /// <summary>The runs, in column order: per condition plain, PRF, then per condition each modality.</summary>
    public static IReadOnlyList<(string Name, MedRunSettings Settings)> Plan(MedKit kit, string team = "CBVR")
    {
        var plan = new List<(string, MedRunSettings)>();
        foreach (var condition in kit.Conditions)
        {
            plan.Add((condition, new MedRunSettings(condition, false, team)));
            plan.Add((condition + "+PRF", new MedRunSettings(condition, true, team)));
        }

        foreach (var condition in kit.Conditions)
        {
            var modalities = condition == MedKit.ZeroExample ? TextModalities : ExampleModalities;
            plan.AddRange(modalities.Select(m => (condition + " " + m, new MedRunSettings(condition, false, team, m))));
        }

        return plan;
    }

    public async Task<MedBenchReport> RunAsync(
        MedKit kit, IReadOnlyDictionary<string, string> clipVideos, string outFolder, double ingestSeconds, Action<MedBenchRun>? onRun, CancellationToken cancellationToken)
    {
        var reference = Med14Files.ReadRef(Path.Combine(kit.Folder, "Ref.csv"));
        var runs = new List<MedBenchRun>();
        foreach (var (name, settings) in Plan(kit))
        {
            var result = await runner.RunAsync(kit, clipVideos, settings, ingestSeconds, null, cancellationToken).ConfigureAwait(false);
            runs.Add(Score(name, settings, result, kit, reference, outFolder));
            onRun?.Invoke(runs[^1]);
        }

        var random = Random(kit);
        runs.Add(Score(RandomRun, null, random, kit, reference, outFolder));
        onRun?.Invoke(runs[^1]);
        var targets = kit.Trials.GroupBy(t => t.EventId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(t => kit.Positives.Contains((t.ClipId, t.EventId))), StringComparer.Ordinal);
        var expected = kit.Trials.GroupBy(t => t.EventId, StringComparer.Ordinal).Where(g => targets[g.Key] > 0)
            .ToDictionary(g => g.Key, g => 100 * ExpectedRandomAp(g.Count(), targets[g.Key]), StringComparer.Ordinal);
        return new MedBenchReport(kit.Folder, runs, targets, expected);
    }

    /// <summary>
    /// The expected AP of a uniformly random ranking of <paramref name="n"/> trials with <paramref name="r"/> targets:
    /// (H_n + (r−1)(n − H_n)/(n−1)) / n, H_n the n-th harmonic number (the mean over targets of E[precision at its rank]).
    /// </summary>
    public static double ExpectedRandomAp(int n, int r)
    {
        if (r <= 0 || n <= 0)
        {
            return 0;
        }

        var harmonic = Enumerable.Range(1, n).Sum(k => 1.0 / k);
        return n == 1 ? 1 : (harmonic + ((r - 1) * (n - harmonic) / (n - 1))) / n;
    }

    /// <summary>A random run: per event a permutation of its trials drawn with a fixed seed (from the event id), ranked as any run.</summary>
    public static MedRunResult Random(MedKit kit)
    {
        var settings = new MedRunSettings(MedKit.ZeroExample, Modality: RandomRun);
        var events = new List<MedEventRun>();
        foreach (var e in kit.Events.Where(e => kit.Trials.Any(t => t.EventId == e.Id)))
        {
            var trials = kit.Trials.Where(t => t.EventId == e.Id).OrderBy(t => t.TrialId, StringComparer.Ordinal).ToList();
            var generator = new Random(e.Id.Aggregate(7, (h, c) => unchecked((h * 31) + c)));
            var score = trials.ToDictionary(t => t.TrialId, _ => generator.NextDouble(), StringComparer.Ordinal);
            var (rows, detectionThreshold, rankThreshold) = MedRunScores.Rank(trials, t => (score[t.TrialId], 0));
            var targets = trials.Count(t => kit.Positives.Contains((t.ClipId, e.Id)));
            events.Add(new MedEventRun(e.Id, e.Name, rows, new ThresholdRow(e.Id, detectionThreshold, rankThreshold, 0, 0, 0, 0, 0), [], targets, 0, ["random permutation"], 0));
        }

        return new MedRunResult(settings.RunId(kit.Folder), settings, kit.Folder, kit.Clips.Count, 0, events, 0, "random run: no processing", 0);
    }

    private static MedBenchRun Score(string name, MedRunSettings? settings, MedRunResult result, MedKit kit, IReadOnlyList<RefRow> reference, string outFolder)
    {
        var folder = MedRunWriter.Write(result, outFolder);
        var thresholds = Med14Files.ReadThreshold(MedRunWriter.ThresholdFile(folder, result.RunId));
        var report = Med14Scorer.Score(reference, kit.Trials, Med14Files.ReadDetection(MedRunWriter.DetectionFile(folder, result.RunId)), thresholds);
        File.WriteAllText(Path.Combine(folder, "scores.csv"), Med14Table.Csv(report));
        File.WriteAllText(Path.Combine(folder, "MAP.txt"), string.Create(CultureInfo.InvariantCulture, $"{report.MapPercent:R}\n"));
        return new MedBenchRun(name, result.RunId, folder, settings, report, thresholds, result.TotalSeconds);
    }
}
