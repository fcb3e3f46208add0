using System.Text;

namespace Cbvr.Search.Text;

/// <summary>
/// Matching OCR text whose spaces the OCR model dropped ("HELLOWORLD2026" for "Hello World 2026"). Each OCR line is
/// compacted (lower case, letters and digits only) and indexed as overlapping character trigrams at consecutive positions;
/// a query word pair "hello world" becomes the exact trigram phrase of "helloworld", which matches exactly when the
/// compacted line contains that string. Short strings are never used, so "low" or "hello" alone do not match this way.
/// </summary>
internal static class OcrGrams
{
    /// <summary>Characters per gram.</summary>
    public const int Size = 3;

    /// <summary>Shortest compacted query string looked up (shorter ones hit too many unrelated lines).</summary>
    public const int MinQueryLength = 6;

    /// <summary>Position gap between two OCR lines, so a phrase never spans lines.</summary>
    public const int LineGap = 8;

    /// <summary>Lower-case letters and digits of <paramref name="text"/>, everything else dropped.</summary>
    public static string Compact(string text)
    {
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                compact.Append(char.ToLowerInvariant(c));
            }
        }

        return compact.ToString();
    }

    /// <summary>The overlapping grams of a compacted string, in order (none when it is shorter than a gram).</summary>
    public static List<string> Grams(string compact)
    {
        var grams = new List<string>(Math.Max(0, compact.Length - Size + 1));
        for (var i = 0; i + Size <= compact.Length; i++)
        {
            grams.Add(compact.Substring(i, Size));
        }

        return grams;
    }
}
