using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Cbvr.Search.Text;

/// <summary>
/// Builds the Lucene query of a <see cref="ParsedQuery"/>: SHOULD term queries per field with the field boosts, phrase
/// boosts for adjacent query terms, and exact trigram phrases for compacted OCR matches (constant scores: BM25 would sum
/// the idf of every trigram, which says little about the rarity of the string). Stays below the default
/// <see cref="BooleanQuery.MaxClauseCount"/> (1024) by the caps of <see cref="QueryTextParser"/>.
/// </summary>
internal static class TextQueryBuilder
{
    /// <summary>Phrase slop of term pairs: "elephant walks here" still boosts "elephant here".</summary>
    private const int PairSlop = 1;

    public static BooleanQuery Build(ParsedQuery query, QueryFields fields)
    {
        var boolean = new BooleanQuery(disableCoord: true);
        (string? Field, float Boost)[] termFields =
        [
            (fields.Asr, TextFields.AsrBoost),
            (fields.Ocr, TextFields.OcrBoost),
            (fields.Title, TextFields.TitleBoost),
            (fields.File, TextFields.FileBoost),
            (fields.Concept, TextFields.ConceptBoost),
        ];
        (string? Field, float Boost)[] phraseFields =
            [(fields.Asr, TextFields.AsrBoost), (fields.Ocr, TextFields.OcrBoost), (fields.Title, TextFields.TitleBoost)];

        foreach (var term in query.Terms)
        {
            foreach (var (field, boost) in termFields)
            {
                if (field is not null)
                {
                    boolean.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
                }
            }
        }

        foreach (var pair in query.Pairs)
        {
            foreach (var (field, boost) in phraseFields)
            {
                if (field is not null)
                {
                    var phrase = new PhraseQuery { Slop = PairSlop, Boost = boost * TextFields.PhraseBoost };
                    phrase.Add(new Term(field, pair.First), 0);
                    phrase.Add(new Term(field, pair.Second), pair.Distance);
                    boolean.Add(phrase, Occur.SHOULD);
                }
            }
        }

        if (fields.OcrGrams is { } gramField)
        {
            foreach (var gramPhrase in query.GramPhrases)
            {
                var constant = new ConstantScoreQuery(gramPhrase.ToPhrase(gramField))
                {
                    Boost = TextFields.OcrBoost * TextFields.OcrGramBoost * gramPhrase.Weight,
                };
                boolean.Add(constant, Occur.SHOULD);
            }
        }

        return boolean;
    }
}
