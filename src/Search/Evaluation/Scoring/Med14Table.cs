using System.Globalization;
using System.Text;

namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>
/// The report as F4DE's MED14 score table: one row per event, then Count, Mean, StdDev, -2SE and +2SE over the events (F4DE's
/// "±2SE" rows are Mean ± 2 × StdDev, the sample standard deviation with n − 1), numbers printed as F4DE prints them
/// (counts as integers in event rows, everything else with one decimal, ties to even); the summary rows are computed from the
/// printed event cells, as F4DE does. MinNDC (4 decimals) is Cbvr's addition.
/// </summary>
public static class Med14Table
{
    /// <summary>Column names after "Title": inputs, actual-decision R0 analysis, maximum-R0 analysis, AP%, MinNDC.</summary>
    public static readonly string[] Columns =
    [
        "#Targ", "#NTarg", "#Sys", "#CorDet", "#Cor!Det", "#FA", "#Miss",
        "Act.PercentRank", "Act.Recall", "Act.R0", "Act.DecThresh",
        "Max.PercentRank", "Max.Recall", "Max.R0", "Max.DecThresh", "AP%", "MinNDC",
    ];

    private const int CountColumns = 7;

    private static readonly string[] StatisticTitles = ["Count", "Mean", "StdDev", "-2SE", "+2SE"];

    /// <summary>The numbers of an event in <see cref="Columns"/> order, at full precision.</summary>
    public static double[] Values(Med14EventScore e) =>
    [
        e.Targets, e.NonTargets, e.Trials, e.Actual.CorrectDetections, e.Actual.CorrectNonDetections, e.Actual.FalseAlarms, e.Actual.Misses,
        e.Actual.PercentRank, e.Actual.Recall, e.Actual.R0, e.Actual.Threshold,
        e.Maximum.PercentRank, e.Maximum.Recall, e.Maximum.R0, e.Maximum.Threshold, e.ApPercent, e.MinNdc,
    ];

    /// <summary>Rows of (title, cells as printed): the events, then Count, Mean, StdDev, -2SE, +2SE.</summary>
    public static IReadOnlyList<(string Title, string[] Cells)> Rows(Med14Report report)
    {
        var rows = report.Events.Select(e => (e.EventId, EventCells(e))).ToList();
        var stats = ColumnStatistics(report);
        for (var s = 0; s < StatisticTitles.Length; s++)
        {
            rows.Add((StatisticTitles[s], [.. stats.Select((st, c) => s == 0 ? Integer(st[0]) : Cell(st[s], c))]));
        }

        return rows;
    }

    /// <summary>The table as text, columns padded and separated by '|' as F4DE prints it.</summary>
    public static string Render(Med14Report report)
    {
        var header = new[] { "Title" }.Concat(Columns).ToArray();
        var rows = Rows(report).Select(r => new[] { r.Title }.Concat(r.Cells).ToArray()).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();
        var sb = new StringBuilder();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((x, c) => x.PadLeft(widths[c]))) + " |";
        var rule = "|" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "|";
        sb.Append(Line(header)).Append('\n').Append(rule).Append('\n');
        for (var i = 0; i < rows.Count; i++)
        {
            if (i == report.Events.Count)
            {
                sb.Append(rule).Append('\n');
            }

            sb.Append(Line(rows[i])).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>CSV (header, one row per event and per statistic) with full-precision numbers, invariant culture.</summary>
    public static string Csv(Med14Report report)
    {
        var sb = new StringBuilder();
        sb.Append("Title,").Append(string.Join(',', Columns)).Append('\n');
        foreach (var e in report.Events)
        {
            sb.Append(e.EventId).Append(',').Append(string.Join(',', Values(e).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        var stats = ColumnStatistics(report);
        for (var s = 0; s < StatisticTitles.Length; s++)
        {
            sb.Append(StatisticTitles[s]).Append(',').Append(string.Join(',', stats.Select(st => st[s].ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Per column: <see cref="Statistics"/> over the events' values as printed (F4DE computes its summary rows from the rounded
    /// cells of its table: StdDev of Recall 22.0, 54.7, 37.3, 98.0 is 32.8, from the exact values 32.9).
    /// </summary>
    public static IReadOnlyList<double[]> ColumnStatistics(Med14Report report)
    {
        var cells = report.Events.Select(EventCells).ToList();
        return [.. Enumerable.Range(0, Columns.Length).Select(c => Statistics([.. cells
            .Select(row => double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .Where(double.IsFinite)]))];
    }

    /// <summary>Count, mean, sample standard deviation, mean − 2·sd, mean + 2·sd (as F4DE labels them -2SE/+2SE).</summary>
    public static double[] Statistics(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var mean = n == 0 ? double.NaN : values.Average();
        var sd = n < 2 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return [n, mean, sd, mean - (2 * sd), mean + (2 * sd)];
    }

    private static string[] EventCells(Med14EventScore e) => [.. Values(e).Select((v, c) => c < CountColumns ? Integer(v) : Cell(v, c))];

    private static string Cell(double value, int column) =>
        double.IsNaN(value) ? "" : F4deFormat.Fixed(value, Columns[column] == "MinNDC" ? 4 : 1);

    private static string Integer(double value) => double.IsNaN(value) ? "" : ((long)value).ToString(CultureInfo.InvariantCulture);
}
