using Cbvr.Search.Queries;
using Cbvr.Search.Ranking;

namespace Cbvr.Search.Evaluation;

/// <summary>A run configuration of an evaluation: condition, reranking, and optionally a single modality.</summary>
public sealed record EvaluationRun(string Name, string Condition, bool Rerank, string? Modality = null);

/// <summary>Average precision per event of each run, with the number of positives, and the mean.</summary>
public sealed record EvaluationReport(IReadOnlyList<string> Events, IReadOnlyDictionary<string, int> Positives, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> AveragePrecision)
{
    public double Map(string run) => AveragePrecision[run].Values.Average();
}

/// <summary>
/// Runs a MED kit's events against the library as 0Ex (the event text through semantic query generation) and 1Ex (the example
/// clip analysed outside the library) queries, and scores each event's ranking of the collection by average precision. A clip
/// the library lacks counts as ranked last. This is for development; the official MED scorer is separate.
/// </summary>
public sealed class MedEvaluation(SearchService search)
{
    public const string ZeroExample = "0Ex";
    public const string OneExample = "1Ex";
    public const string Random = "random";

    /// <summary>Scores every run; <paramref name="clipVideos"/> maps the kit's clip ids to library video ids.</summary>
    public async Task<EvaluationReport> EvaluateAsync(MedKit kit, IReadOnlyDictionary<string, string> clipVideos, IReadOnlyList<EvaluationRun> runs, CancellationToken cancellationToken)
    {
        var clips = kit.Clips.Keys.Order(StringComparer.Ordinal).ToList();
        var positives = kit.Events.ToDictionary(e => e.Id, e => clips.Count(c => kit.Positives.Contains((c, e.Id))));
        var results = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var run in runs)
        {
            var perEvent = new Dictionary<string, double>();
            foreach (var e in kit.Events)
            {
                var relevant = clips.Select(c => kit.Positives.Contains((c, e.Id))).ToArray();
                if (!relevant.Any(r => r))
                {
                    continue;
                }

                var scores = run.Condition == Random ? null : await ScoresAsync(kit, e, clips, clipVideos, run, cancellationToken).ConfigureAwait(false);
                perEvent[e.Id] = scores is null ? RandomAveragePrecision(relevant, seed: e.Id.Aggregate(7, (h, c) => unchecked((h * 31) + c))) : RankedList.AveragePrecision(scores, relevant);
            }

            results[run.Name] = perEvent;
        }

        return new EvaluationReport([.. kit.Events.Select(e => e.Id).Where(e => positives[e] > 0)], positives, results);
    }

    /// <summary>One event's modality scores over the kit's clips, for fitting fusion weights (clips the library lacks score lowest).</summary>
    public async Task<LabelledQuery> LabelledAsync(MedKit kit, MedEvent e, IReadOnlyDictionary<string, string> clipVideos, string condition, CancellationToken cancellationToken)
    {
        var clips = kit.Clips.Keys.Order(StringComparer.Ordinal).ToList();
        using var run = await search.RunAsync(Request(kit, e, clipVideos, new EvaluationRun(condition, condition, false)), cancellationToken).ConfigureAwait(false);
        var position = run.VideoIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        int Item(string clip) => clipVideos.TryGetValue(clip, out var v) && position.TryGetValue(v, out var i) ? i : -1;
        var modalities = run.Modalities.Select(m => new ModalityScores(
            m.Modality,
            [.. clips.Select(c => Item(c) is var i and >= 0 ? m.Scores[i] : 0)],
            [.. clips.Select(c => Item(c) is var i and >= 0 && (m.Present is null || m.Present[i]))])).ToList();
        return new LabelledQuery(e.Id, modalities, [.. clips.Select(c => kit.Positives.Contains((c, e.Id)))]);
    }

    private async Task<float[]> ScoresAsync(MedKit kit, MedEvent e, List<string> clips, IReadOnlyDictionary<string, string> clipVideos, EvaluationRun run, CancellationToken cancellationToken)
    {
        using var result = await search.RunAsync(Request(kit, e, clipVideos, run), cancellationToken).ConfigureAwait(false);
        var score = new Dictionary<string, float>(StringComparer.Ordinal);
        var ids = result.VideoIds;
        foreach (var i in result.Order)
        {
            score[ids[i]] = result.Scores[i];
        }

        return [.. clips.Select(c => clipVideos.TryGetValue(c, out var v) && score.TryGetValue(v, out var s) ? s : float.MinValue)];
    }

    private static SearchRequest Request(MedKit kit, MedEvent e, IReadOnlyDictionary<string, string> clipVideos, EvaluationRun run) => new()
    {
        Text = run.Condition == ZeroExample ? e.Text : null,
        Title = run.Condition == ZeroExample ? e.Name : null,
        ExampleFiles = run.Condition == OneExample ? e.ExampleFiles : [],
        Rerank = run.Rerank,
        IncludeUnmatched = true,
        Modalities = run.Modality is null ? [] : [run.Modality],
        Within = [.. kit.Clips.Keys.Select(c => clipVideos.GetValueOrDefault(c)).OfType<string>()],
    };

    /// <summary>The expected AP of a random ranking, estimated over 200 seeded shuffles.</summary>
    private static double RandomAveragePrecision(bool[] relevant, int seed)
    {
        var random = new Random(seed);
        var scores = new float[relevant.Length];
        var total = 0.0;
        const int Shuffles = 200;
        for (var s = 0; s < Shuffles; s++)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = random.NextSingle();
            }

            total += RankedList.AveragePrecision(scores, relevant);
        }

        return total / Shuffles;
    }
}
