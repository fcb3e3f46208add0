using System.Globalization;

namespace Cbvr.Detectors.Audio;

/// <summary>A recognised word with its time in seconds (in the recogniser's input) and posterior probability.</summary>
public readonly record struct RecognizedWord(string Word, double StartSeconds, double EndSeconds, float Confidence);

/// <summary>
/// Parses the standard output of <c>pocketsphinx_continuous -time yes</c>: per utterance, a line with the hypothesis text and
/// then one line per segment, <c>word start end posterior</c>. Keeps real words only: drops sentence marks (<c>&lt;s&gt;</c>,
/// <c>&lt;/s&gt;</c>), silence (<c>&lt;sil&gt;</c>) and fillers (<c>[NOISE]</c>, <c>[SPEECH]</c>, <c>++GARBAGE++</c>), and
/// strips pronunciation variants (<c>was(2)</c> becomes <c>was</c>).
/// </summary>
public static class PocketsphinxOutput
{
    public static IReadOnlyList<RecognizedWord> Parse(string standardOutput)
    {
        var words = new List<RecognizedWord>();
        foreach (var line in standardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var end)
                || !float.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var posterior))
            {
                continue; // a hypothesis line (words only) or a log line
            }

            var word = parts[0];
            var variant = word.IndexOf('(', StringComparison.Ordinal);
            if (variant > 0 && word.EndsWith(')'))
            {
                word = word[..variant];
            }

            if (word.Length == 0 || word[0] is '<' or '[' or '+')
            {
                continue;
            }

            words.Add(new RecognizedWord(word, start, Math.Max(start, end), Math.Clamp(posterior, 0f, 1f)));
        }

        return words;
    }
}
