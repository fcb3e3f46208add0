using Cbvr.Search.Queries;
using Cbvr.Search.Ranking;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// Each event of a MED kit as a labelled query for fitting fusion weights (<c>cbvr fusion fit</c>): the per-modality scores of
/// 0Ex (the event text through semantic query generation) or 1Ex (the example clip analysed outside the library) queries
/// over the collection, with the kit's truth. Runs and their scores are <see cref="MedRunner"/>'s and
/// <see cref="Scoring.Med14Scorer"/>'s.
/// </summary>
public sealed class MedEvaluation(SearchService search)
{
    public const string ZeroExample = "0Ex";
    public const string OneExample = "1Ex";

    /// <summary>One event's modality scores over the kit's clips, for fitting fusion weights (clips the library lacks score lowest).</summary>
    public async Task<LabelledQuery> LabelledAsync(MedKit kit, MedEvent e, IReadOnlyDictionary<string, string> clipVideos, string condition, CancellationToken cancellationToken)
    {
        var clips = kit.Clips.Keys.Order(StringComparer.Ordinal).ToList();
        using var run = await search.RunAsync(Request(kit, e, clipVideos, condition), cancellationToken).ConfigureAwait(false);
        var position = run.VideoIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        int Item(string clip) => clipVideos.TryGetValue(clip, out var v) && position.TryGetValue(v, out var i) ? i : -1;
        var modalities = run.Modalities.Select(m => new ModalityScores(
            m.Modality,
            [.. clips.Select(c => Item(c) is var i and >= 0 ? m.Scores[i] : 0)],
            [.. clips.Select(c => Item(c) is var i and >= 0 && (m.Present is null || m.Present[i]))])).ToList();
        return new LabelledQuery(e.Id, modalities, [.. clips.Select(c => kit.Positives.Contains((c, e.Id)))]);
    }

    private static SearchRequest Request(MedKit kit, MedEvent e, IReadOnlyDictionary<string, string> clipVideos, string condition) => new()
    {
        Text = condition == ZeroExample ? e.Text : null,
        Title = condition == ZeroExample ? e.Name : null,
        ExampleFiles = condition == OneExample ? e.ExampleFiles : [],
        IncludeUnmatched = true,
        Within = [.. kit.Clips.Keys.Select(c => clipVideos.GetValueOrDefault(c)).OfType<string>()],
    };
}
