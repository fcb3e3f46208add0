using System.Globalization;
using Cbvr.Search.Evaluation.Med14;
using Cbvr.Search.Evaluation.Scoring;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Evaluation;

/// <summary>The MED14 scorer against NIST F4DE's own output (med-conformance: F4DE 3.5.0's MTests and a hand example).</summary>
public sealed class Med14ScorerConformanceTests
{
    private static readonly string Conformance = Path.GetFullPath(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "data", "med-conformance"));

    private static readonly string[] RowTitles = ["Blue", "Green", "Purple", "Red", "Count", "Mean", "StdDev", "-2SE", "+2SE"];

    [Fact]
    public void F4deMTest_EveryNumberOfResTest2m14_IsReproducedAsPrinted()
    {
        var folder = Path.Combine(Conformance, "f4de-mtests");
        var report = Med14Scorer.Score(
            Med14Files.ReadRef(Path.Combine(folder, "MTest.derivSys.ref.csv")),
            Med14Files.ReadTrialIndex(Path.Combine(folder, "MTest.derivSys.sys.index.csv")),
            Med14Files.ReadDetection(Path.Combine(folder, "MTest.derivSys.med14.sys.detect.csv")),
            Med14Files.ReadThreshold(Path.Combine(folder, "MTest.derivSys.med14.sys.thresh.csv")));
        var expected = ExpectedRows(Path.Combine(folder, "res-test2m14.txt"));
        Assert.Equal(RowTitles.Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        var actual = Med14Table.Rows(report).ToDictionary(r => r.Title, r => r.Cells, StringComparer.Ordinal);
        Assert.Equal(RowTitles, actual.Keys.ToArray());
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var title in RowTitles)
        {
            // The file's cells: 15 numbers, the DET plot's path, AP%; ours: the same 15, AP%, MinNDC.
            var file = expected[title];
            var mine = actual[title];
            var pairs = Enumerable.Range(0, 15).Select(c => (Column: Med14Table.Columns[c], Expected: file[c], Actual: mine[c]))
                .Append(("AP%", file[16], mine[15]));
            foreach (var (column, want, got) in pairs)
            {
                compared++;
                if (want != got)
                {
                    mismatches.Add($"{title} {column}: F4DE {want}, ours {got}");
                }
            }
        }

        Assert.Equal(9 * 16, compared);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Empty(report.Warnings);
        Assert.Equal(90.6, Math.Round(report.MapPercent, 1));
    }

    [Fact]
    public void HandExample_ApMatchesF4deToFullPrecision()
    {
        var folder = Path.Combine(Conformance, "hand-example");
        var report = Med14Scorer.Score(
            Med14Files.ReadRef(Path.Combine(folder, "ref.csv")),
            Med14Files.ReadTrialIndex(Path.Combine(folder, "TrialIndex.csv")),
            Med14Files.ReadDetection(Path.Combine(folder, "detection.csv")),
            Med14Files.ReadThreshold(Path.Combine(folder, "threshold.csv")));
        var expected = File.ReadAllLines(Path.Combine(folder, "out.ap_full.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Assert.Equal(expected.Select(e => e[0]), report.Events.Select(e => e.EventId));
        foreach (var (e, line) in report.Events.Zip(expected))
        {
            // F4DE prints Perl's default number format (%.15g).
            Assert.Equal(line[1], e.ApPercent.ToString("G15", CultureInfo.InvariantCulture));
            Assert.Equal(double.Parse(line[1], CultureInfo.InvariantCulture), e.ApPercent, 1e-12);
        }

        var e001 = report.Events[0];
        Assert.Equal((3, 7, 10), (e001.Targets, e001.NonTargets, e001.Trials));
        Assert.Equal((2, 1, 1), (e001.Actual.CorrectDetections, e001.Actual.FalseAlarms, e001.Actual.Misses)); // Rank < 4: ranks 1-3
        Assert.Equal(30.0, e001.Actual.PercentRank, 12);
    }

    [Fact]
    public void Ranking_BreaksRankTiesByTrialId_AndScoreIsIgnored()
    {
        // Both trials at rank 1: "a" (non-target) sorts before "b" (target), so the target is second: AP 50%. Swapping TrialIDs gives 100%.
        Assert.Equal(50.0, ScoreOne([("a", 0.1, 1, false), ("b", 0.9, 1, true)]).ApPercent, 12);
        Assert.Equal(100.0, ScoreOne([("a", 0.1, 1, true), ("b", 0.9, 1, false)]).ApPercent, 12);
        Assert.Equal(100.0, ScoreOne([("a", 0.0, 1, true), ("b", 1.0, 2, false)]).ApPercent, 12);
    }

    [Fact]
    public void MissingDetectionRows_AreDroppedWithAWarning_AndTrialsAbsentFromRefAreNonTargets()
    {
        TrialRow[] index = [new("t1", "c1", "E"), new("t2", "c2", "E"), new("t3", "c3", "E"), new("t4", "c4", "E")];
        RefRow[] reference = [new("t1", false), new("t2", true), new("t4", true)]; // t3 is not in the ref
        DetectionRow[] detection = [new("t3", 0.9, 1), new("t2", 0.8, 2), new("t1", 0.7, 3)]; // t4, a target, is not ranked
        var report = Med14Scorer.Score(reference, index, detection, [new ThresholdRow("E", 0.5, 2, 0, 0, 0, 0, 0)]);
        var e = Assert.Single(report.Events);
        Assert.Equal((1, 2, 3), (e.Targets, e.NonTargets, e.Trials));
        Assert.Equal(50.0, e.ApPercent, 12); // t2 at position 2; t4 is not a miss
        Assert.Contains(report.Warnings, w => w.Contains("event E: 1 trial", StringComparison.Ordinal));
        Assert.Equal((0, 1, 1), (e.Actual.CorrectDetections, e.Actual.FalseAlarms, e.Actual.Misses));
    }

    [Fact]
    public void MaximumR0_NeverTakesTheEmptyCut_WhileMinNdcDoes()
    {
        // Targets at ranks 2 and 3 of 10. The empty cut would give R0 0; F4DE's best is the first cut (Dec. Thresh -1):
        // recall 0, Percent Rank 10, R0 = -125 (then -200 and -275).
        var late = ScoreOne([.. Enumerable.Range(1, 10).Select(i => ($"t{i:00}", 0.5, (long)i, i is 2 or 3))]);
        Assert.Equal((-1.0, 0.0, 10.0, -125.0), (late.Maximum.Threshold, late.Maximum.Recall, late.Maximum.PercentRank, late.Maximum.R0));
        // NDC = Pmiss + (0.999 / 0.08) * Pfa: 2.56, 2.06, 1.56 ... all above the empty cut's 1.
        Assert.Equal(1.0, late.MinNdc, 12);

        // Targets at ranks 1 and 3: after rank 1, Pmiss 0.5 and Pfa 0.
        var early = ScoreOne([.. Enumerable.Range(1, 10).Select(i => ($"t{i:00}", 0.5, (long)i, i is 1 or 3))]);
        Assert.Equal(0.5, early.MinNdc, 12);
        Assert.Equal(12.4875, (early.Det[2].MissProbability + (12.4875 * early.Det[2].FalseAlarmProbability)) * 8, 9);
    }

    [Theory]
    [InlineData("Targ", "\"t1\",\"Y\"", "line 2: Targ \"Y\" is not y or n")]
    [InlineData("Score", "\"t1\",\"1.5\",\"1\"", "line 2: Score 1.5 is outside [0,1]")]
    [InlineData("Missing", "\"t1\",\"0.5\"", "line 1: no column \"Rank\"")]
    public void Med14Files_RejectsBadRowsWithTheLineNumber(string kind, string row, string reason)
    {
        var path = Path.Combine(TestMedia.NewFolder(), "bad.csv");
        var header = kind switch { "Targ" => "\"TrialID\",\"Targ\"", "Score" => "\"TrialID\",\"Score\",\"Rank\"", _ => "\"TrialID\",\"Score\"" };
        File.WriteAllText(path, header + "\n" + row + "\n");
        var error = Assert.Throws<InvalidDataException>(() => kind == "Targ" ? (object)Med14Files.ReadRef(path) : Med14Files.ReadDetection(path));
        Assert.StartsWith($"{path}: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(22.25, "22.2")]
    [InlineData(26.75, "26.8")]
    [InlineData(0.15, "0.1")]
    [InlineData(-90.54878048780488, "-90.5")]
    [InlineData(-1064.4607843137255, "-1064.5")]
    [InlineData(100.0, "100.0")]
    public void F4deFormat_RoundsTheExactBinaryValue_TiesToEven(double value, string expected) =>
        Assert.Equal(expected, F4deFormat.Fixed(value));

    private static Med14EventScore ScoreOne(IEnumerable<(string Id, double Score, long Rank, bool Target)> trials)
    {
        var list = trials.ToList();
        var report = Med14Scorer.Score(
            [.. list.Select(t => new RefRow(t.Id, t.Target))],
            [.. list.Select(t => new TrialRow(t.Id, t.Id, "E"))],
            [.. list.Select(t => new DetectionRow(t.Id, t.Score, t.Rank))],
            [new ThresholdRow("E", 0.5, 1, 0, 0, 0, 0, 0)]);
        return Assert.Single(report.Events);
    }

    /// <summary>The rows of F4DE's score table by title, each as its trimmed cells after the title.</summary>
    private static Dictionary<string, string[]> ExpectedRows(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Split('|').Skip(1).SkipLast(1).Select(c => c.Trim()).ToArray())
            .Where(c => c.Length > 0 && RowTitles.Contains(c[0]))
            .ToDictionary(c => c[0], c => c[1..], StringComparer.Ordinal);
}
