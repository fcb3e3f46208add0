using System.Text.RegularExpressions;

namespace Cbvr.Search.Concepts;

/// <summary>
/// Reads query text as candidate terms: lower-case words, stop words dropped, and the 1-3 word phrases of content words that
/// stand next to each other (not across punctuation or a stop word); plus the singular/plural forms used for exact matches.
/// </summary>
internal static partial class QueryTerms
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
        "down", "during", "each", "either", "else", "etc", "ever", "every", "few", "for", "from", "further", "get", "gets", "got",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
        "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "myself", "no", "nor",
        "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "usually", "very",
        "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
        "within", "without", "would", "you", "your", "yours", "yourself", "yourselves", "find", "video", "videos",
        "clip", "clips", "someone", "something", "shown", "showing", "seen", "typically", "often", "sometimes", "e.g", "eg", "ie",
    ];

    /// <summary>The content words of <paramref name="text"/>, in order, as runs broken at punctuation and stop words.</summary>
    public static List<List<string>> Runs(string text)
    {
        var runs = new List<List<string>>();
        foreach (var segment in Segments().Split(text.ToLowerInvariant()))
        {
            var run = new List<string>();
            foreach (Match m in Word().Matches(segment))
            {
                var word = m.Value.Trim('\'');
                word = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
                if (word.Length < 2 || StopWords.Contains(word) || word.All(char.IsDigit))
                {
                    Flush(runs, ref run);
                }
                else
                {
                    run.Add(word);
                }
            }

            Flush(runs, ref run);
        }

        return runs;
    }

    /// <summary>The distinct words and 1-3 word phrases of <paramref name="runs"/>, in order of first appearance.</summary>
    public static List<string> Candidates(List<List<string>> runs)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            for (var start = 0; start < run.Count; start++)
            {
                for (var length = 1; length <= 3 && start + length <= run.Count; length++)
                {
                    var term = string.Join(' ', run.Skip(start).Take(length));
                    if (seen.Add(term))
                    {
                        terms.Add(term);
                    }
                }
            }
        }

        return terms;
    }

    /// <summary>A name in the form exact matching compares: lower case, words separated by single spaces.</summary>
    public static string Normalise(string name) => string.Join(' ', Word().Matches(name.ToLowerInvariant()).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0));

    /// <summary><paramref name="term"/> with its last word as written, singular and plural (simple English rules).</summary>
    public static IEnumerable<string> Forms(string term)
    {
        var split = term.LastIndexOf(' ');
        var head = split < 0 ? "" : term[..(split + 1)];
        var last = term[(split + 1)..];
        yield return term;
        if (last.Length > 4 && last.EndsWith("ies", StringComparison.Ordinal))
        {
            yield return head + last[..^3] + "y";
        }
        else if (last.Length > 3 && (last.EndsWith("ches", StringComparison.Ordinal) || last.EndsWith("shes", StringComparison.Ordinal) || last.EndsWith("xes", StringComparison.Ordinal) || last.EndsWith("sses", StringComparison.Ordinal)))
        {
            yield return head + last[..^2];
        }
        else if (last.Length > 3 && last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) && !last.EndsWith("us", StringComparison.Ordinal))
        {
            yield return head + last[..^1];
        }

        if (!last.EndsWith('s'))
        {
            yield return head + (last.EndsWith('y') && last.Length > 2 && !"aeiou".Contains(last[^2]) ? last[..^1] + "ies"
                : last.EndsWith("ch", StringComparison.Ordinal) || last.EndsWith("sh", StringComparison.Ordinal) || last.EndsWith('x') ? last + "es"
                : last + "s");
        }
    }

    private static void Flush(List<List<string>> runs, ref List<string> run)
    {
        if (run.Count > 0)
        {
            runs.Add(run);
            run = [];
        }
    }

    [GeneratedRegex(@"[.,;:!?()\[\]{}""/\n\r\t]+")]
    private static partial Regex Segments();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
