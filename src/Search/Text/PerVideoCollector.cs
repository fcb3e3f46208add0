using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Cbvr.Search.Text;

/// <summary>The best-scoring documents of each video (by the id in doc values), at most <c>perVideo</c> each.</summary>
internal sealed class PerVideoCollector(int perVideo) : ICollector
{
    private readonly Dictionary<string, List<ScoreDoc>> best = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> names = [];
    private readonly BytesRef scratch = new();
    private Scorer? scorer;
    private SortedDocValues? ids;
    private int docBase;

    /// <summary>Per video id, its best documents (global doc ids), unordered.</summary>
    public IReadOnlyDictionary<string, List<ScoreDoc>> Best => best;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        ids = context.AtomicReader.GetSortedDocValues(TextFields.VideoId);
        docBase = context.DocBase;
        names.Clear();
    }

    public void Collect(int doc)
    {
        var ordinal = ids?.GetOrd(doc) ?? -1;
        if (ordinal < 0)
        {
            return;
        }

        if (!names.TryGetValue(ordinal, out var id))
        {
            ids!.LookupOrd(ordinal, scratch);
            names[ordinal] = id = scratch.Utf8ToString();
        }

        if (!best.TryGetValue(id, out var list))
        {
            best[id] = list = new List<ScoreDoc>(perVideo);
        }

        var score = scorer!.GetScore();
        if (list.Count < perVideo)
        {
            list.Add(new ScoreDoc(docBase + doc, score));
            return;
        }

        var weakest = 0;
        for (var i = 1; i < list.Count; i++)
        {
            weakest = list[i].Score < list[weakest].Score ? i : weakest;
        }

        if (score > list[weakest].Score)
        {
            list[weakest] = new ScoreDoc(docBase + doc, score);
        }
    }
}
