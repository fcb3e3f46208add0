using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Cbvr.Search.Text;

/// <summary>All documents (video and segments) of the given videos, looked up by their id terms.</summary>
internal sealed class VideoIdFilter(IReadOnlyCollection<string> videoIds) : Filter
{
    private readonly BytesRef[] ids = videoIds.Select(id => new BytesRef(id)).ToArray();

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var terms = reader.GetTerms(TextFields.VideoId)?.GetEnumerator();
        if (terms is null)
        {
            return null;
        }

        var matching = new FixedBitSet(reader.MaxDoc);
        DocsEnum? docs = null;
        foreach (var id in ids)
        {
            if (!terms.SeekExact(id))
            {
                continue;
            }

            docs = terms.Docs(acceptDocs, docs, DocsFlags.NONE);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                matching.Set(doc);
            }
        }

        return matching;
    }
}
