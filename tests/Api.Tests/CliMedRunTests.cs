using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>
/// <c>cbvr med run</c> as a child process on a tiny kit built here (4 clips, 2 events, TrialIndex, Ref, 1Ex examples): 0Ex and
/// then 1Ex into the same library, checking the MED14 files F4DE takes, the threshold row's times and the recounting.
/// </summary>
public sealed partial class CliMedRunTests : IDisposable
{
    private static readonly string[] Events = ["E1", "E2"];

    private readonly Scratch _scratch = new();

    [Fact]
    public async Task MedRun_0ExThen1Ex_WriteDetectionThresholdAndRecountingFiles()
    {
        var (kit, clips) = await KitAsync(_scratch["kit"]);
        var trials = clips.SelectMany(c => Events.Select(e => $"{c}.{e}")).ToHashSet();

        var zero = await RunAsync(kit, "0Ex");
        Check(zero, "CBVR_MED14_noPRF_kit_AH_000Ex_1", trials, examples: false);
        Assert.Contains("E2 Dog walking:", zero.StandardOutput, StringComparison.Ordinal);

        var one = await RunAsync(kit, "1Ex");
        Check(one, "CBVR_MED14_noPRF_kit_AH_001Ex_1", trials, examples: true);
    }

    [Fact]
    public async Task MedRun_AMalformedKitOrAMissingCondition_ExitsTwoNamingTheFileAndLine()
    {
        var (kit, _) = await KitAsync(_scratch["kit"]);
        var missing = await Cli.RunAsync(["med", "run", "--kit", kit, "--condition", "10Ex", "--out", _scratch["out"], "--data", _scratch["data"]]);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("Examples_10Ex.csv: file not found", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);

        File.AppendAllText(Path.Combine(kit, "TrialIndex.csv"), "\"C9.E1\",\"C9\",\"E1\"\n");
        var bad = await Cli.RunAsync(["med", "run", "--kit", kit, "--condition", "0Ex", "--out", _scratch["out"], "--data", _scratch["data"]]);
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("TrialIndex.csv: line 10: clip C9 is not in ClipMD.csv", Assert.Single(bad.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch["out"]));
    }

    public void Dispose() => _scratch.Dispose();

    private static void Check(CliResult result, string runId, HashSet<string> trials, bool examples)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Regex.Match(result.StandardOutput, "detection: (.*)").Groups[1].Value.Trim())!);
        Assert.Equal(runId, Path.GetFileName(folder));
        var detection = Rows(Path.Combine(folder, runId + ".detection.csv"), "\"TrialID\",\"Score\",\"Rank\"");
        Assert.Equal(trials.Order(StringComparer.Ordinal), detection.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var e in Events)
        {
            var rows = detection.Where(r => r[0].EndsWith("." + e, StringComparison.Ordinal)).Select(r => (Score: Real(r[1]), Rank: long.Parse(r[2], CultureInfo.InvariantCulture))).OrderBy(r => r.Rank).ToList();
            Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Rank));
            Assert.All(rows, r => Assert.InRange(r.Score, 0, 1));
            Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Score >= p.Second.Score), $"{e}: scores increase with rank");
        }

        var thresholds = Rows(Path.Combine(folder, runId + ".threshold.csv"), "\"EventID\",\"DetectionThreshold\",\"RankThreshold\",\"DetectionTPT\",\"EAGTPT\",\"EMDTPT\",\"EBGMDTPT\",\"SEARCHMDTPT\"");
        Assert.Equal(Events, thresholds.Select(t => t[0]));
        foreach (var t in thresholds)
        {
            Assert.InRange(Real(t[1]), 0, 1);
            Assert.True(long.Parse(t[2], CultureInfo.InvariantCulture) >= 1, string.Join(',', t));
            Assert.True(Real(t[3]) > 0 && Real(t[4]) > 0 && Real(t[7]) > 0, "TPTs: " + string.Join(',', t));
            Assert.True(examples ? Real(t[5]) > 0 : Real(t[5]) == 0, "EMDTPT: " + string.Join(',', t));
            Assert.Equal("0.0", t[6]);
        }

        foreach (var e in Events)
        {
            Assert.True(File.Exists(Path.Combine(folder, "recounting", e + ".txt")));
            using var recount = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "recounting", e + ".json")));
            var hits = recount.RootElement.GetProperty("hits").EnumerateArray().ToList();
            Assert.Equal(4, hits.Count);
            Assert.Equal([1, 2, 3, 4], hits.Select(h => h.GetProperty("rank").GetInt32()));
            foreach (var hit in hits)
            {
                Assert.Contains(hit.Str("trialId"), trials);
                var shot = hit.GetProperty("evidence").GetProperty("shot");
                Assert.True(shot.GetProperty("index").GetInt32() >= 0, hit.ToString());
                Assert.InRange(shot.Num("startSeconds"), 0, shot.Num("endSeconds"));
                Assert.InRange(shot.Num("endSeconds"), 0.1, hit.Num("durationSeconds") + 0.1);
                Assert.False(string.IsNullOrEmpty(shot.Str("reason")));
            }
        }

        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
        Assert.Equal(8, run.RootElement.GetProperty("counts").Int("trials"));
    }

    /// <summary>The data rows of a strict MED14 CSV file: the exact header, every field double-quoted, LF line ends.</summary>
    private static List<string[]> Rows(string path, string header)
    {
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(header, lines[0]);
        Assert.All(lines, l => Assert.Matches(QuotedLine(), l));
        return [.. lines.Skip(1).Select(l => l[1..^1].Split("\",\""))];
    }

    private static double Real(string text)
    {
        Assert.Contains(".", text, StringComparison.Ordinal);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private async Task<CliResult> RunAsync(string kit, string condition) =>
        await Cli.RunOkAsync(
            ["med", "run", "--kit", kit, "--condition", condition, "--out", _scratch["out"], "--data", _scratch["data"]],
            Cli.WithAnalysis(("Analysis__Disabled__0", "asr"), ("Analysis__Disabled__1", "ocr"), ("Analysis__Disabled__2", "faces"), ("Analysis__Disabled__3", "voc"), ("Analysis__Disabled__4", "imagenet")));

    /// <summary>The kit (built in <paramref name="kit"/>; also used by <see cref="CliMedBenchTests"/>): C1 dog clip, C2-C4 generated patterns; E1 "test pattern" (example: a longer testsrc), E2 "dog walking" (example: a short rgbtestsrc; these tests check the files, not the quality).</summary>
    internal static async Task<(string Kit, string[] Clips)> KitAsync(string kit)
    {
        Directory.CreateDirectory(Path.Combine(kit, "clips"));
        Directory.CreateDirectory(Path.Combine(kit, "events"));
        var sources = new Dictionary<string, string>
        {
            ["C1"] = AnalysisClips.Dog,
            ["C2"] = await TestMedia.PatternClipAsync(3, pattern: "testsrc"),
            ["C3"] = await TestMedia.PatternClipAsync(3, pattern: "rgbtestsrc"),
            ["C4"] = await TestMedia.PatternClipAsync(3, pattern: "smptebars"),
            ["X1"] = await TestMedia.PatternClipAsync(4, pattern: "testsrc"),
            ["X2"] = await TestMedia.PatternClipAsync(2, pattern: "rgbtestsrc"),
        };
        foreach (var (clip, source) in sources)
        {
            File.Copy(source, Path.Combine(kit, "clips", clip + Path.GetExtension(source)));
        }

        string Media(string clip) => $"clips/{clip}{Path.GetExtension(sources[clip])}";
        string[] clips = ["C1", "C2", "C3", "C4"];
        File.WriteAllText(Path.Combine(kit, "EventDB.csv"), "\"EventID\",\"EventName\"\n\"E1\",\"Test_pattern\"\n\"E2\",\"Dog_walking\"\n");
        File.WriteAllText(Path.Combine(kit, "events", "E1.txt"), "Test pattern: a television test card with colour bars and a moving square.\n");
        File.WriteAllText(Path.Combine(kit, "events", "E2.txt"), "Dog walking: a person walks a dog outdoors.\n");
        File.WriteAllText(Path.Combine(kit, "ClipMD.csv"), "\"ClipID\",\"MEDIA_FILE\"\r\n" + string.Concat(clips.Select(c => $"\"{c}\",\"{Media(c)}\"\r\n")));
        File.WriteAllText(Path.Combine(kit, "Examples_1Ex.csv"), $"EventID,ClipID,MEDIA_FILE\nE1,X1,{Media("X1")}\nE2,X2,{Media("X2")}\n");
        File.WriteAllText(Path.Combine(kit, "TrialIndex.csv"), "\"TrialID\",\"ClipID\",\"EventID\"\n" + string.Concat(Events.SelectMany(e => clips.Select(c => $"\"{c}.{e}\",\"{c}\",\"{e}\"\n"))));
        File.WriteAllText(Path.Combine(kit, "Ref.csv"), "\"TrialID\",\"Targ\"\n" + string.Concat(Events.SelectMany(e => clips.Select(c => $"\"{c}.{e}\",\"{((c, e) is ("C2", "E1") or ("C1", "E2") ? "y" : "n")}\"\n"))));
        return (kit, clips);
    }

    [GeneratedRegex("^\"[^\"]*\"(,\"[^\"]*\")*$")]
    private static partial Regex QuotedLine();
}
