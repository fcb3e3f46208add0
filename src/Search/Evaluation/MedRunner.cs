using System.Diagnostics;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Evaluation.Med14;
using Cbvr.Search.Evidence;
using Cbvr.Search.Queries;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// Runs a MED kit's events against the library (the kit's collection already ingested; <c>clipVideos</c> maps clip ids to
/// videos): 0Ex from the event's kit text (text and title through semantic query generation), kEx from the condition's example
/// clips (analysed outside the library); optional self-paced reranking and a single modality. Every trial of the TrialIndex
/// is ranked (<see cref="MedRunScores"/>), the top hits recounted, and each stage timed (hours, the threshold file's TPTs):
/// EMDTPT analysing the event's example clips; EAGTPT building the event agent (semantic query generation, reading the analysed
/// examples; for kEx the per-modality event models are trained inside the scoring pass and so fall in DetectionTPT);
/// DetectionTPT scoring, fusing, reranking and ranking the collection; EBGMDTPT 0 (no background set: example models take
/// their negatives from the collection); SEARCHMDTPT the collection's metadata generation (see <see cref="CollectionHours"/>)
/// divided equally among the run's events, so that the column sums to it.
/// </summary>
public sealed class MedRunner(SearchService search, ExampleArea examples, EvidenceBuilder evidence, JobStore jobs)
{
    public async Task<MedRunResult> RunAsync(
        MedKit kit, IReadOnlyDictionary<string, string> clipVideos, MedRunSettings settings, double ingestSeconds, Action<MedEventRun>? onEvent, CancellationToken cancellationToken)
    {
        kit.RequireCondition(settings.Condition);
        var total = Stopwatch.StartNew();
        var within = kit.Clips.Keys.Select(clipVideos.GetValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var events = kit.Events.Where(e => kit.Trials.Any(t => t.EventId == e.Id)).ToList();
        var measured = CollectionHours(within);
        var (collectionHours, accounting) = measured > 0
            ? (measured, "sum of the collection clips' ingest+analysis job times in the library (StartedAt to FinishedAt), divided equally among the events")
            : (ingestSeconds / 3600, "this run's ingest wall time (the library has no job times for the collection), divided equally among the events");
        var results = new List<MedEventRun>();
        foreach (var e in events)
        {
            var result = await EventAsync(kit, e, clipVideos, within, settings, collectionHours / events.Count, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            onEvent?.Invoke(result);
        }

        return new MedRunResult(settings.RunId(kit.Folder), settings, kit.Folder, kit.Clips.Count, kit.Clips.Keys.Count(clipVideos.ContainsKey), results, collectionHours, accounting, total.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Hours the library spent ingesting and analysing <paramref name="videoIds"/>: per video, its first successful ingest job's
    /// FinishedAt − StartedAt (0 for a video without one).
    /// </summary>
    public double CollectionHours(IReadOnlyCollection<string> videoIds)
    {
        var wanted = videoIds.ToHashSet(StringComparer.Ordinal);
        return jobs.List(int.MaxValue, JobStatus.Succeeded)
            .Where(j => j.VideoId is { } id && wanted.Contains(id) && j.StartedAt is not null && j.FinishedAt is not null)
            .GroupBy(j => j.VideoId!, StringComparer.Ordinal)
            .Sum(g => g.MinBy(j => j.Id)!.FinishedAt!.Value.Subtract(g.MinBy(j => j.Id)!.StartedAt!.Value).TotalHours);
    }

    private async Task<MedEventRun> EventAsync(
        MedKit kit, MedEvent e, IReadOnlyDictionary<string, string> clipVideos, List<string> within, MedRunSettings settings, double searchMdHours, CancellationToken cancellationToken)
    {
        var files = kit.ExampleFiles(e.Id, settings.Condition);
        if (settings.Condition != MedKit.ZeroExample && files.Count == 0)
        {
            throw new InvalidDataException($"{Path.Combine(kit.Folder, MedKitReader.ExampleList(settings.Condition))}: event {e.Id} has no example");
        }

        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            await examples.AnalyseAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var emd = files.Count > 0 ? clock.Elapsed : TimeSpan.Zero;
        clock.Restart();
        var zeroEx = settings.Condition == MedKit.ZeroExample;
        using var run = await search.RunAsync(
            new SearchRequest
            {
                Text = zeroEx ? e.Text : null,
                Title = zeroEx ? e.Name : null,
                ExampleFiles = files,
                Rerank = settings.Rerank,
                IncludeUnmatched = true,
                Modalities = settings.Modality is null ? [] : [settings.Modality],
                Within = within,
            },
            cancellationToken).ConfigureAwait(false);
        var searched = clock.Elapsed;
        var scoring = TimeSpan.FromMilliseconds(Math.Min(run.Timings.GetValueOrDefault("score") + run.Timings.GetValueOrDefault("fuse"), searched.TotalMilliseconds));
        clock.Restart();

        var ids = run.VideoIds;
        var raw = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        for (var p = 0; p < run.Order.Length; p++)
        {
            raw.TryAdd(ids[run.Order[p]], (run.Scores[run.Order[p]], p));
        }

        var trials = kit.Trials.Where(t => t.EventId == e.Id).ToList();
        var (rows, detectionThreshold, rankThreshold) = MedRunScores.Rank(
            trials, t => clipVideos.TryGetValue(t.ClipId, out var v) && raw.TryGetValue(v, out var r) ? r : null);
        var detection = scoring + clock.Elapsed;
        clock.Restart();

        var clipOf = trials.ToDictionary(t => t.TrialId, t => t.ClipId, StringComparer.Ordinal);
        var recounting = new List<MedRecount>();
        foreach (var row in rows.Where(r => raw.ContainsKey(clipVideos[clipOf[r.TrialId]])).Take(settings.RecountingHits))
        {
            var entry = run.View.Find(clipVideos[clipOf[row.TrialId]])!;
            var why = evidence.Build(run.View, entry, run.Query, run.Examples, run.Snippets.GetValueOrDefault(entry.Ordinal) ?? [], null);
            recounting.Add(new MedRecount(row.TrialId, clipOf[row.TrialId], row.Rank, row.Score, entry.Id, entry.FileName, entry.DurationSeconds, why));
        }

        var threshold = new ThresholdRow(e.Id, detectionThreshold, rankThreshold, detection.TotalHours, (searched - scoring).TotalHours, emd.TotalHours, 0, searchMdHours);
        var targets = trials.Count(t => kit.Positives.Contains((t.ClipId, e.Id)));
        var unmatched = trials.Count(t => !clipVideos.TryGetValue(t.ClipId, out var v) || !raw.ContainsKey(v));
        return new MedEventRun(e.Id, e.Name, rows, threshold, recounting, targets, unmatched, run.Notes, clock.Elapsed.TotalSeconds);
    }
}
