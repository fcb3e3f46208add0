using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Cbvr.Search.Text;

/// <summary>
/// Document frequencies of many terms of one field at once: one terms enumerator per index segment, reused for all terms,
/// instead of one per term as <see cref="IndexReader.DocFreq"/> does (which dominates the cost of long queries).
/// </summary>
internal static class DocFrequencies
{
    /// <summary>Adds the document frequency of each of <paramref name="terms"/> in <paramref name="field"/> to its entry.</summary>
    public static void AddTo(IndexReader reader, string field, Dictionary<string, int> terms)
    {
        var keys = terms.Keys.Select(term => (Term: term, Bytes: new BytesRef(term))).ToList();
        foreach (var leaf in reader.Leaves)
        {
            var enumerator = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            if (enumerator is null)
            {
                continue;
            }

            foreach (var (term, bytes) in keys)
            {
                if (enumerator.SeekExact(bytes))
                {
                    terms[term] += enumerator.DocFreq;
                }
            }
        }
    }
}
