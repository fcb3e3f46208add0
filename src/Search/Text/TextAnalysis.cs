using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Cbvr.Search.Text;

/// <summary>Runs the analyzer over plain strings and prepares file names for it.</summary>
internal static class TextAnalysis
{
    /// <summary>The analysed terms of <paramref name="text"/> in order, with positions (stop words leave gaps) and offsets.</summary>
    public static List<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    /// <summary>
    /// The words of a file name: directory and extension dropped, split on '_', '-', '.', camelCase and letter/digit changes
    /// ("movie-hello.mp4" -> "movie hello", "myHolidayClip01.mkv" -> "my Holiday Clip 01").
    /// </summary>
    public static string FileNameWords(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName));
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-' or '.')
            {
                text.Append(' ');
                continue;
            }

            if (i > 0 && IsWordBoundary(name[i - 1], c, i + 1 < name.Length ? name[i + 1] : ' '))
            {
                text.Append(' ');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static bool IsWordBoundary(char previous, char current, char next) =>
        (char.IsLower(previous) && char.IsUpper(current))
        || (char.IsUpper(previous) && char.IsUpper(current) && char.IsLower(next))
        || (char.IsLetter(previous) && char.IsDigit(current))
        || (char.IsDigit(previous) && char.IsLetter(current));
}
