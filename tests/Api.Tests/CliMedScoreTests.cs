using Cbvr.Tests;
using OpenCvSharp;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr med score</c> on F4DE's MED14 test files: the table, the files written, the plots, and bad input.</summary>
public sealed class CliMedScoreTests
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "data", "med-conformance", "f4de-mtests"));

    private static string[] Inputs(string detection) =>
    [
        "--ref", Path.Combine(Folder, "MTest.derivSys.ref.csv"), "--index", Path.Combine(Folder, "MTest.derivSys.sys.index.csv"),
        "--detection", detection, "--threshold", Path.Combine(Folder, "MTest.derivSys.med14.sys.thresh.csv"),
    ];

    [Fact]
    public async Task MedScore_OnF4deTestFiles_PrintsF4desNumbers_AndWritesScoresAndDecodablePlots()
    {
        using var scratch = new Scratch();
        var output = scratch["scores"];
        var result = await Cli.RunOkAsync(["med", "score", .. Inputs(Path.Combine(Folder, "MTest.derivSys.med14.sys.detect.csv")), "--out", output], null);

        var red = result.StandardOutput.Split('\n').Single(l => l.StartsWith("|  ", StringComparison.Ordinal) && l.Contains(" Red |", StringComparison.Ordinal));
        var cells = red.Split('|').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        Assert.Equal(["Red", "51", "49", "100", "50", "6", "43", "1", "93.0", "98.0", "-1064.5", "94.0", "1.0", "2.0", "-10.5", "-1.0", "62.4"], cells[..17]);
        Assert.Contains("MAP 90.6%", result.StandardOutput, StringComparison.Ordinal);

        string[] files = ["scores.csv", "scores.json", "pr.png", "det.png", "pr.Blue.png", "det.Red.png"];
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(output, f)), f));
        Assert.StartsWith("Title,#Targ,#NTarg,#Sys", await File.ReadAllTextAsync(Path.Combine(output, "scores.csv")), StringComparison.Ordinal);
        var json = JsonHelpers.Parse(await File.ReadAllTextAsync(Path.Combine(output, "scores.json")));
        Assert.Equal(4, json.GetProperty("events").Items().Count);
        Assert.Equal(90.6, Math.Round(json.Num("mapPercent"), 1));
        foreach (var png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            using var image = Cv2.ImRead(Path.Combine(output, png), ImreadModes.Color);
            Assert.Equal((900, 700), (image.Width, image.Height));
            Cv2.MinMaxLoc(image.Reshape(1), out double darkest, out _);
            Assert.True(darkest < 100, $"{png} has no drawing");
        }
    }

    [Fact]
    public async Task MedScore_ABadDetectionFile_Exits2WithTheFileLineAndReason()
    {
        using var scratch = new Scratch();
        var detection = scratch["detect.csv"];
        var lines = File.ReadAllLines(Path.Combine(Folder, "MTest.derivSys.med14.sys.detect.csv"));
        lines[3] = "\"TID-0000051\",\"1.5\",\"3\"";
        await File.WriteAllLinesAsync(detection, lines);

        var result = await Cli.RunAsync(["med", "score", .. Inputs(detection)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {detection}: line 4: Score 1.5 is outside [0,1]", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task MedScore_WithQrelsAndRun_PrintsInferredAp()
    {
        using var scratch = new Scratch();
        var qrels = scratch["qrels.txt"];
        var run = scratch["run.txt"];
        await File.WriteAllTextAsync(qrels, "1 0 a1 A 1\n1 0 a2 A 0\n1 0 a3 A 1\n1 0 b1 B 1\n1 0 b2 B 0\n1 0 b3 B -1\n1 0 b4 B -1\n");
        await File.WriteAllTextAsync(run, "1 Q0 a1 1 0.9 r\n1 Q0 b3 2 0.8 r\n1 Q0 b1 3 0.7 r\n1 Q0 a2 4 0.6 r\n1 Q0 x 5 0.5 r\n1 Q0 a3 6 0.4 r\n");

        var result = await Cli.RunOkAsync(["med", "score", "--qrels", qrels, "--run", run, "--out", scratch["out"]], null);

        Assert.Contains("Mean   0.8333", result.StandardOutput, StringComparison.Ordinal); // (1 + 5/3 + 2/3) / 4, see InferredApTests
        Assert.StartsWith("Topic,infAP,EstimatedRelevant,Retrieved\n1,0.8333", await File.ReadAllTextAsync(Path.Combine(scratch["out"], "scores.csv")), StringComparison.Ordinal);
    }
}
