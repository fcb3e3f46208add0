using System.Globalization;
using System.Text;

namespace Cbvr.Search.Evaluation.Med14;

/// <summary>
/// Reads and writes the MED14 files F4DE takes (conformance README): header row with case-sensitive names, every field
/// double-quoted on writing (quotes optional on reading), comma without a following space, LF line ends (CRLF read),
/// Targ lower-case y/n, Score and DetectionThreshold with a decimal point, the threshold file with all 8 columns. A malformed
/// file fails with its path, the line number and the reason (<see cref="InvalidDataException"/>).
/// </summary>
public static class Med14Files
{
    public static readonly string[] DetectionColumns = ["TrialID", "Score", "Rank"];

    public static readonly string[] ThresholdColumns = ["EventID", "DetectionThreshold", "RankThreshold", "DetectionTPT", "EAGTPT", "EMDTPT", "EBGMDTPT", "SEARCHMDTPT"];

    public static IReadOnlyList<DetectionRow> ReadDetection(string path) => Rows(path, DetectionColumns, (r, line) =>
    {
        var score = Real(r["Score"], "Score", path, line);
        if (score is < 0 or > 1)
        {
            throw Bad(path, line, $"Score {r["Score"]} is outside [0,1]");
        }

        return new DetectionRow(NonEmpty(r["TrialID"], "TrialID", path, line), score, Integer(r["Rank"], "Rank", path, line));
    });

    public static IReadOnlyList<ThresholdRow> ReadThreshold(string path) => Rows(path, ThresholdColumns, (r, line) => new ThresholdRow(
        NonEmpty(r["EventID"], "EventID", path, line),
        Real(r["DetectionThreshold"], "DetectionThreshold", path, line),
        Integer(r["RankThreshold"], "RankThreshold", path, line),
        Real(r["DetectionTPT"], "DetectionTPT", path, line),
        Real(r["EAGTPT"], "EAGTPT", path, line),
        Real(r["EMDTPT"], "EMDTPT", path, line),
        Real(r["EBGMDTPT"], "EBGMDTPT", path, line),
        Real(r["SEARCHMDTPT"], "SEARCHMDTPT", path, line)));

    public static IReadOnlyList<TrialRow> ReadTrialIndex(string path) => Rows(path, ["TrialID", "ClipID", "EventID"], (r, line) => new TrialRow(
        NonEmpty(r["TrialID"], "TrialID", path, line), NonEmpty(r["ClipID"], "ClipID", path, line), NonEmpty(r["EventID"], "EventID", path, line)));

    public static IReadOnlyList<RefRow> ReadRef(string path) => Rows(path, ["TrialID", "Targ"], (r, line) => new RefRow(
        NonEmpty(r["TrialID"], "TrialID", path, line),
        r["Targ"] switch
        {
            "y" => true,
            "n" => false,
            var other => throw Bad(path, line, $"Targ \"{other}\" is not y or n"),
        }));

    /// <summary>Writes a detection file (atomically: a temp file renamed into place).</summary>
    public static void WriteDetection(string path, IEnumerable<DetectionRow> rows) => Write(path, DetectionColumns, rows.Select(r => new[]
    {
        r.TrialId, Number(r.Score), r.Rank.ToString(CultureInfo.InvariantCulture),
    }));

    /// <summary>Writes a threshold file with all 8 columns (atomically).</summary>
    public static void WriteThreshold(string path, IEnumerable<ThresholdRow> rows) => Write(path, ThresholdColumns, rows.Select(r => new[]
    {
        r.EventId, Number(r.DetectionThreshold), r.RankThreshold.ToString(CultureInfo.InvariantCulture),
        Number(r.DetectionTpt), Number(r.EagTpt), Number(r.EmdTpt), Number(r.EbgmdTpt), Number(r.SearchMdTpt),
    }));

    /// <summary>A REAL with a decimal point (never an exponent): F4DE rejects "1E-05" and "1".</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "MED14 numbers must be finite");
        }

        var text = value.ToString("0.0###############", CultureInfo.InvariantCulture);
        return text == "-0.0" ? "0.0" : text;
    }

    private static List<T> Rows<T>(string path, string[] columns, Func<IReadOnlyDictionary<string, string>, int, T> parse)
    {
        return [.. MedCsv.ReadNumbered(path, columns).Select(r => parse(r.Fields, r.Line))];
    }

    private static void Write(string path, string[] columns, IEnumerable<string[]> rows)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.NewLine = "\n";
                writer.WriteLine(Line(columns));
                foreach (var row in rows)
                {
                    writer.WriteLine(Line(row));
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static string NonEmpty(string value, string column, string path, int line) =>
        string.IsNullOrWhiteSpace(value) ? throw Bad(path, line, $"{column} is empty") : value;

    private static double Real(string value, string column, string path, int line) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Bad(path, line, $"{column} \"{value}\" is not a number");

    private static long Integer(string value, string column, string path, int line) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Bad(path, line, $"{column} \"{value}\" is not an integer");

    private static InvalidDataException Bad(string path, int line, string reason) => new($"{path}: line {line}: {reason}");
}
