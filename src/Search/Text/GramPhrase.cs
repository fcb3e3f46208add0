using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Cbvr.Search.Text;

/// <summary>
/// The trigrams of one compacted query string and its weight: the number of query words it covers times its BM25 idf (from
/// how many OCR texts contain it), with the phrase boost when it covers two words; i.e. about what those words (and their
/// phrase) would score if the OCR had kept its spaces.
/// </summary>
internal sealed record GramPhrase(IReadOnlyList<string> Grams, float Weight)
{
    /// <summary>The exact phrase of consecutive trigrams in <paramref name="field"/>: the compacted text contains the string.</summary>
    public PhraseQuery ToPhrase(string field)
    {
        var phrase = new PhraseQuery();
        for (var i = 0; i < Grams.Count; i++)
        {
            phrase.Add(new Term(field, Grams[i]), i);
        }

        return phrase;
    }
}
