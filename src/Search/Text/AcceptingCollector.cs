using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Cbvr.Search.Text;

/// <summary>
/// Passes only video documents whose id the caller accepts to an inner collector, so a filter (duration, date) is applied
/// before the top-k cut, not after. Asks the caller once per video id per index segment, and only for matching videos.
/// </summary>
internal sealed class AcceptingCollector(ICollector inner, Func<string, bool> accept) : ICollector
{
    private readonly BytesRef scratch = new();
    private SortedDocValues? ids;
    private sbyte[] decisions = [];

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        ids = context.AtomicReader.GetSortedDocValues(TextFields.VideoId);
        decisions = new sbyte[ids?.ValueCount ?? 0];
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var ordinal = ids?.GetOrd(doc) ?? -1;
        if (ordinal < 0)
        {
            return;
        }

        if (decisions[ordinal] == 0)
        {
            ids!.LookupOrd(ordinal, scratch);
            decisions[ordinal] = accept(scratch.Utf8ToString()) ? (sbyte)1 : (sbyte)-1;
        }

        if (decisions[ordinal] > 0)
        {
            inner.Collect(doc);
        }
    }
}
