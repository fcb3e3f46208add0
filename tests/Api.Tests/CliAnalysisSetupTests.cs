using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr analysis</c> with and without the model pack, and what a corrupt default model does to the CLI.</summary>
public sealed partial class CliAnalysisSetupTests
{
    private static readonly string[] PackDetectors = ["imagenet", "coco", "voc"];

    [Fact]
    public async Task Analysis_PrintsTheInferenceProviderAndEveryStepWithItsState()
    {
        using var scratch = new Scratch();
        var result = await Cli.RunAsync(["analysis", "--data", scratch["data"]], Cli.WithAnalysis());
        Assert.True(result.ExitCode == 0, result.ToString());

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(ProviderLine(), lines[0]);
        Assert.Matches(@"^STEP\s+KIND\s+VERSION\s+MODEL\s+STATE$", lines[1]);
        foreach (var step in new[] { "visual", "resnet18", "mfcc", "faces", "ocr", "speech", "asr", "user" })
        {
            Assert.Matches($@"^{step}\s+.*\son$", Assert.Single(lines, l => l.StartsWith(step + " ", StringComparison.Ordinal)));
        }

        Assert.Matches(@"^mfcc-words\s+.*\soff: no MFCC codebook", Assert.Single(lines, l => l.StartsWith("mfcc-words ", StringComparison.Ordinal)));
        if (Cli.PackDirectory.Length > 0)
        {
            Assert.All(PackDetectors, d => Assert.Matches($@"^{d}\s+detector\s+1\s+[0-9a-f]{{12}}\s+on$", Assert.Single(lines, l => l.StartsWith(d + " ", StringComparison.Ordinal))));
        }
    }

    [Fact]
    public async Task Analysis_WithoutTheModelPack_ShowsThePackDetectorsOff_AndJsonSaysTheSame()
    {
        using var scratch = new Scratch();
        var noPack = Cli.WithAnalysis(("Models__PackDirectory", ""));
        var table = await Cli.RunAsync(["analysis", "--data", scratch["data"]], noPack);
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var detector in PackDetectors)
        {
            var line = Assert.Single(lines, l => l.StartsWith(detector + " ", StringComparison.Ordinal));
            Assert.Matches($@"^{detector}\s+detector\s+1\s+-\s+off: .*model pack", line);
        }

        var json = await Cli.RunAsync(["analysis", "--json", "--data", scratch["data"]], noPack);
        Assert.True(json.ExitCode == 0, json.ToString());
        var parsed = JsonHelpers.Parse(json.StandardOutput);
        Assert.Matches(ProviderLine(), "inference: " + parsed.Str("provider"));
        var steps = parsed.GetProperty("steps").Items();
        foreach (var detector in PackDetectors)
        {
            var step = Assert.Single(steps, s => s.Str("id") == detector);
            Assert.False(step.GetProperty("runs").GetBoolean());
            Assert.True(step.GetProperty("enabled").GetBoolean());
            Assert.Contains("model pack", step.Str("disabledReason"), StringComparison.Ordinal);
        }

        var resnet = Assert.Single(steps, s => s.Str("id") == "resnet18");
        Assert.True(resnet.GetProperty("runs").GetBoolean());
        Assert.Equal("features", resnet.Str("kind"));
        Assert.Matches("^[0-9a-f]{12}$", resnet.Str("modelHash"));
    }

    [Fact]
    public async Task ACorruptDefaultModel_StopsAnalysisAndIngestWithOneErrorLine_AndLeavesTheLibraryAlone()
    {
        using var scratch = new Scratch();
        var data = scratch["data"];
        var clip = await TestMedia.PatternClipAsync(2);
        await Cli.RunOkAsync("ingest", clip, "--data", data, "--quiet");
        var before = Snapshot(data);

        var models = CorruptBlazeFaceCopy(scratch["models"]);
        var corrupt = Cli.WithAnalysis(("Models__Directory", models));
        var analysis = await Cli.RunAsync(["analysis", "--data", data], corrupt);
        var ingest = await Cli.RunAsync(["ingest", await AnalysisClips.TextClipAsync(), "--data", data, "--quiet"], corrupt);

        foreach (var result in new[] { analysis, ingest })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            var error = Assert.Single(result.ErrorLines);
            Assert.StartsWith("error: model blazeface: ", error, StringComparison.Ordinal);
            Assert.Contains("SHA-256", error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(models, "blazeface"), error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot(data));
        var video = Assert.Single((await Cli.JsonAsync(data, "videos")).Items());
        Assert.Equal(clip, video.Str("path"));
    }

    /// <summary>A models folder like the set-up's: blazeface copied with one byte flipped, the other models linked.</summary>
    private static string CorruptBlazeFaceCopy(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var model in Directory.EnumerateDirectories(Cli.ModelsDirectory))
        {
            var target = Path.Combine(folder, Path.GetFileName(model));
            if (Path.GetFileName(model) != "blazeface")
            {
                Directory.CreateSymbolicLink(target, model);
                continue;
            }

            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(model))
            {
                var bytes = File.ReadAllBytes(file);
                if (file.EndsWith(".onnx", StringComparison.Ordinal))
                {
                    bytes[bytes.Length / 2] ^= 0xFF;
                }

                File.WriteAllBytes(Path.Combine(target, Path.GetFileName(file)), bytes);
            }
        }

        return folder;
    }

    /// <summary>Every file under the data directory with its SHA-256.</summary>
    private static string Snapshot(string data) => string.Join(
        '\n',
        Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(data, f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    /// <summary>"inference: CPU (CUDA provider not loadable: WHY)" without a usable GPU; "inference: CUDA (device N)" with one.</summary>
    [GeneratedRegex(@"^inference: (CPU \(CUDA provider not loadable: .+\)|CPU \(forced by Models:Provider=Cpu\)|CUDA \(device \d+\))$")]
    private static partial Regex ProviderLine();
}
