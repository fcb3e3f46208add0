using Cbvr.Search.Concepts;
using Cbvr.Search.Library;
using Cbvr.Search.Ranking;
using Cbvr.Search.Text;

namespace Cbvr.Search.Queries;

/// <summary>A scored query: every candidate video's modality scores, fused (and reranked) score and rank order.</summary>
public sealed class QueryRun : IDisposable
{
    internal QueryRun(
        LibraryView view, string kind, GeneratedQuery? query, IReadOnlyList<ExampleVideo> examples, QueryItems items, IReadOnlyList<ModalityScores> modalities,
        IReadOnlyDictionary<string, double> weights, float[] scores, int[] order, IReadOnlyList<RerankStep>? rounds,
        Dictionary<int, IReadOnlyList<TextSnippet>> snippets, List<string> notes, Dictionary<string, long> timings)
    {
        (View, Kind, Query, Examples, Items, Modalities, Weights, Scores, Order, Rounds, Snippets, Notes, Timings) =
            (view, kind, query, examples, items, modalities, weights, scores, order, rounds, snippets, notes, timings);
    }

    public string Kind { get; }

    public GeneratedQuery? Query { get; }

    public IReadOnlyList<ModalityScores> Modalities { get; }

    public IReadOnlyDictionary<string, double> Weights { get; }

    /// <summary>Final score per item (see <see cref="VideoIds"/>).</summary>
    public float[] Scores { get; }

    /// <summary>Items best first (without unmatched ones unless the request asked for them).</summary>
    public int[] Order { get; }

    public IReadOnlyList<RerankStep>? Rounds { get; }

    public List<string> Notes { get; }

    public Dictionary<string, long> Timings { get; }

    /// <summary>The video id of each item.</summary>
    public IReadOnlyList<string> VideoIds => [.. Items.Ordinals.Select(o => View.Find(o)!.Id)];

    internal LibraryView View { get; }

    internal IReadOnlyList<ExampleVideo> Examples { get; }

    internal QueryItems Items { get; }

    internal Dictionary<int, IReadOnlyList<TextSnippet>> Snippets { get; }

    public void Dispose() => View.Dispose();
}
