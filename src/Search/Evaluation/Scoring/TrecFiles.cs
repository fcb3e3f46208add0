using System.Globalization;
using System.Text;

namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>A sample_eval qrels line: topic, document, the stratum it was pooled in, and its judgment (1 relevant, 0 not, −1 pooled but not sampled).</summary>
public sealed record QrelRow(string Topic, string DocId, string Stratum, int Relevance);

/// <summary>A TREC run line (<c>topic Q0 docid rank score runid</c>).</summary>
public sealed record RunRow(string Topic, string DocId, long Rank, double Score, string RunId);

/// <summary>Reads whitespace-separated TREC files strictly: a malformed line fails with the path, line number and reason.</summary>
public static class TrecFiles
{
    /// <summary>sample_eval qrels: <c>topic dummy docid stratum rel</c>.</summary>
    public static IReadOnlyList<QrelRow> ReadQrels(string path) => Lines(path, 5, (f, line) => new QrelRow(
        f[0], f[2], f[3],
        int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rel) && rel >= -1
            ? rel
            : throw Bad(path, line, $"relevance \"{f[4]}\" is not an integer ≥ -1")));

    /// <summary>A TREC run: <c>topic Q0 docid rank score runid</c>.</summary>
    public static IReadOnlyList<RunRow> ReadRun(string path) => Lines(path, 6, (f, line) => new RunRow(
        f[0], f[2],
        long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rank) ? rank : throw Bad(path, line, $"rank \"{f[3]}\" is not an integer"),
        double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score)
            ? score
            : throw Bad(path, line, $"score \"{f[4]}\" is not a number"),
        f[5]));

    private static List<T> Lines<T>(string path, int fields, Func<string[], int, T> parse)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: file not found");
        }

        var rows = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != fields)
            {
                throw Bad(path, number, $"{f.Length} fields where {fields} are expected");
            }

            rows.Add(parse(f, number));
        }

        return rows;
    }

    private static InvalidDataException Bad(string path, int line, string reason) => new($"{path}: line {line}: {reason}");
}
