using System.Text.Json;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>
/// <c>cbvr med bench --json</c> as a child process on the tiny kit of <see cref="CliMedRunTests"/> (4 clips, 2 events, 0Ex and
/// 1Ex): every configuration is run, written as a MED14 run and scored; the random baseline is there; the run folders are kept.
/// </summary>
public sealed class CliMedBenchTests : IDisposable
{
    private static readonly string[] Runs =
    [
        "0Ex", "0Ex+PRF", "1Ex", "1Ex+PRF", "0Ex concepts", "0Ex text",
        "1Ex resnet18", "1Ex visual", "1Ex audio", "1Ex concepts", "1Ex text", "random",
    ];

    private readonly Scratch _scratch = new();

    [Fact]
    public async Task MedBench_Json_ScoresEveryConfigurationAndRandomFromTheWrittenRuns()
    {
        var (kit, _) = await CliMedRunTests.KitAsync(_scratch["kit"]);
        var result = await Cli.RunOkAsync(
            ["med", "bench", "--kit", kit, "--out", _scratch["out"], "--data", _scratch["data"], "--json"],
            Cli.WithAnalysis(("Analysis__Disabled__0", "asr"), ("Analysis__Disabled__1", "ocr"), ("Analysis__Disabled__2", "faces"), ("Analysis__Disabled__3", "voc"), ("Analysis__Disabled__4", "imagenet")));

        using var document = JsonDocument.Parse(result.StandardOutput);
        var root = document.RootElement;
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(Runs, runs.Select(r => r.Str("name")));
        Assert.Equal(12, runs.Select(r => r.Str("runId")).Distinct(StringComparer.Ordinal).Count());
        foreach (var run in runs)
        {
            Assert.InRange(run.Num("mapPercent"), 0, 100);
            var ap = run.GetProperty("apPercent");
            Assert.Equal(["E1", "E2"], ap.EnumerateObject().Select(p => p.Name));
            Assert.All(ap.EnumerateObject(), p => Assert.InRange(p.Value.GetDouble(), 25, 100)); // one target among 4 trials: AP >= 1/4
            Assert.Equal(ap.EnumerateObject().Average(p => p.Value.GetDouble()), run.Num("mapPercent"), 9);
            var folder = run.Str("folder");
            Assert.Equal(run.Str("runId"), Path.GetFileName(folder));
            Assert.True(File.Exists(Path.Combine(folder, run.Str("runId") + ".detection.csv")), folder);
            Assert.True(File.Exists(Path.Combine(folder, run.Str("runId") + ".threshold.csv")), folder);
            Assert.True(File.Exists(Path.Combine(folder, "scores.csv")), folder);
        }

        Assert.Contains("noPRF-random", runs[^1].Str("runId"), StringComparison.Ordinal);
        Assert.Contains("_001Ex_", runs[2].Str("runId"), StringComparison.Ordinal);
        Assert.Contains("_PRF_", runs[1].Str("runId"), StringComparison.Ordinal);

        // E[AP] of a random ranking of 4 trials with 1 target: (1 + 1/2 + 1/3 + 1/4) / 4.
        Assert.Equal(100 * (1 + (1 / 2.0) + (1 / 3.0) + (1 / 4.0)) / 4, root.GetProperty("randomExpectedApPercent").Num("E1"), 9);
        Assert.True(runs[2].GetProperty("meanSeconds").Num("emdTpt") > 0, "1Ex analyses its examples");
    }

    public void Dispose() => _scratch.Dispose();
}
