using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cbvr.Api.Cli;

/// <summary>Console output: JSON in the API's shape, or aligned text tables.</summary>
public static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Prints rows under a header, each column padded to its widest cell.</summary>
    public static void WriteTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            for (var c = 0; c < header.Count; c++)
            {
                var cell = c < row.Count ? row[c] : "";
                sb.Append(c == header.Count - 1 ? cell : cell.PadRight(widths[c] + 2));
            }

            Console.Out.WriteLine(sb.ToString().TrimEnd());
            sb.Clear();
        }
    }

    /// <summary>Seconds as m:ss.s.</summary>
    public static string Duration(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}:{seconds % 60:00.0}");

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
