using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Cbvr.Search.Text;

/// <summary>
/// Turns user text into a <see cref="ParsedQuery"/> without any query syntax: the text goes through the index analyzer
/// only. Long texts (a whole event-kit description) are capped: only the rarest terms by document frequency are kept, so
/// the Lucene query stays small and fast.
/// </summary>
internal static class QueryTextParser
{
    public const int MaxTerms = 64;
    public const int MaxPairs = 32;
    public const int MaxGramPhrases = 32;

    /// <summary>Compacted OCR candidates looked up in the term dictionary at most (bounds the cost of long texts).</summary>
    public const int MaxGramCandidates = 256;

    /// <summary>Largest position distance between two query terms still boosted as a phrase (stop words leave gaps).</summary>
    public const int MaxPairDistance = 3;

    private static readonly string[] VideoFields =
        [TextFields.Asr, TextFields.Ocr, TextFields.File, TextFields.Title, TextFields.Concept];

    /// <summary>The parsed query, or null when the text has no usable terms (only stop words, punctuation, blanks).</summary>
    public static ParsedQuery? Parse(EnglishTextAnalyzer analyzer, IndexSearcher searcher, string text)
    {
        var reader = searcher.IndexReader;
        var tokens = TextAnalysis.Analyze(analyzer, TextFields.Asr, text);
        if (tokens.Count == 0)
        {
            return null;
        }

        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            frequencies.TryAdd(token.Term, 0);
        }

        foreach (var field in VideoFields)
        {
            DocFrequencies.AddTo(reader, field, frequencies);
        }

        var terms = tokens.Select(t => t.Term).Distinct(StringComparer.Ordinal)
            .Select((term, order) => (term, order, frequency: frequencies[term]))
            .Where(t => t.frequency > 0)
            .OrderBy(t => t.frequency).ThenBy(t => t.order)
            .Take(MaxTerms)
            .Select(t => t.term)
            .ToList();
        var kept = terms.ToHashSet(StringComparer.Ordinal);
        return new ParsedQuery(terms, Pairs(tokens, kept), GramPhrases(searcher, text));
    }

    private static List<TermPair> Pairs(List<AnalyzedToken> tokens, HashSet<string> kept)
    {
        var pairs = new List<TermPair>();
        for (var i = 1; i < tokens.Count && pairs.Count < MaxPairs; i++)
        {
            var (first, second) = (tokens[i - 1], tokens[i]);
            var distance = second.Position - first.Position;
            var pair = new TermPair(first.Term, second.Term, distance);
            if (distance <= MaxPairDistance && first.Term != second.Term && kept.Contains(first.Term)
                && kept.Contains(second.Term) && !pairs.Contains(pair))
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    /// <summary>
    /// Single long words and adjacent word pairs, compacted ("hello world" -> "helloworld"); only those whose every trigram
    /// occurs in some OCR text, tried rarest trigram first; kept when some OCR text really contains them.
    /// </summary>
    private static List<GramPhrase> GramPhrases(IndexSearcher searcher, string text)
    {
        var reader = searcher.IndexReader;
        var words = Words(text);
        var candidates = new List<(string Compact, int Words)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count && candidates.Count < MaxGramCandidates; i++)
        {
            Consider(words[i], 1);
            if (i > 0)
            {
                Consider(words[i - 1] + words[i], 2);
            }
        }

        var documents = reader.MaxDoc; // as BM25Similarity's own idf, so the weights compare with the term scores
        var gramFrequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var withGrams = candidates.Select(c => (c.Words, grams: OcrGrams.Grams(c.Compact))).ToList();
        foreach (var gram in withGrams.SelectMany(c => c.grams))
        {
            gramFrequencies.TryAdd(gram, 0);
        }

        DocFrequencies.AddTo(reader, TextFields.OcrGrams, gramFrequencies);
        var phrases = new List<GramPhrase>();
        var ordered = withGrams
            .Select(c => (c.Words, c.grams, rarest: c.grams.Min(g => gramFrequencies[g])))
            .Where(c => c.rarest > 0)
            .OrderBy(c => c.rarest)
            .Take(MaxGramPhrases);
        foreach (var (covered, grams, _) in ordered)
        {
            var counter = new TotalHitCountCollector();
            var phrase = new GramPhrase(grams, 0);
            searcher.Search(phrase.ToPhrase(TextFields.OcrGrams), counter);
            if (counter.TotalHits > 0)
            {
                var phraseBoost = covered > 1 ? 1 + TextFields.PhraseBoost : 1;
                phrases.Add(phrase with { Weight = covered * phraseBoost * Idf(counter.TotalHits, documents) });
            }
        }

        return phrases;

        void Consider(string compact, int wordCount)
        {
            if (compact.Length >= OcrGrams.MinQueryLength && seen.Add(compact))
            {
                candidates.Add((compact, wordCount));
            }
        }
    }

    /// <summary>BM25's idf (as in Lucene's BM25Similarity) of a string found in <paramref name="frequency"/> of <paramref name="documents"/>.</summary>
    private static float Idf(int frequency, int documents) =>
        (float)Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));

    /// <summary>Runs of letters and digits, lower case.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
