using System.Text;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// Reads the MED14 CSV files (double-quoted fields, header row; quotes optional, CRLF or LF): rows as dictionaries by header
/// name. A malformed file fails with its path, the line number and the reason.
/// </summary>
public static class MedCsv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path, params string[] required) =>
        [.. ReadNumbered(path, required).Select(r => r.Fields)];

    /// <summary>The rows with the line number each came from (blank lines are skipped), for errors about a field's value.</summary>
    public static IReadOnlyList<(int Line, IReadOnlyDictionary<string, string> Fields)> ReadNumbered(string path, params string[] required)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: file not found");
        }

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            throw new InvalidDataException($"{path}: line 1: no header row");
        }

        var header = Split(lines[0], path, 1);
        foreach (var column in required.Where(c => !header.Contains(c, StringComparer.Ordinal)))
        {
            throw new InvalidDataException($"{path}: line 1: no column \"{column}\" (header: {string.Join(", ", header)})");
        }

        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = Split(lines[i], path, i + 1);
            if (fields.Count != header.Count)
            {
                throw new InvalidDataException($"{path}: line {i + 1}: {fields.Count} fields where the header has {header.Count}");
            }

            rows.Add((i + 1, header.Select((h, c) => (h, fields[c])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal)));
        }

        return rows;
    }

    private static List<string> Split(string line, string path, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
            }
            else if (c == '\r' && i == line.Length - 1)
            {
                break;
            }
            else if (wasQuoted)
            {
                throw new InvalidDataException($"{path}: line {number}: text after a closing quote");
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{path}: line {number}: unterminated quote");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
