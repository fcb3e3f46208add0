using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr ingest</c> as a real process: a batch with bad files, and a file the process may not read.</summary>
public sealed class CliIngestTests
{
    [Fact]
    public async Task Ingest_BatchWithBadFiles_ExitsOneNamesEachBadFileAndKeepsTheGoodClips()
    {
        using var scratch = new Scratch();
        var good1 = await TestMedia.PatternClipAsync(3);
        var good2 = await TestMedia.PatternClipAsync(2, audio: false, pattern: "smptebars");
        var empty = scratch["empty.mp4"];
        await File.WriteAllBytesAsync(empty, []);
        var text = scratch["notes.mp4"];
        await File.WriteAllTextAsync(text, "these are meeting notes, not a video\n");
        var missing = scratch["missing.mp4"];
        var data = scratch["data"];

        var result = await Cli.RunAsync(["ingest", good1, empty, good2, text, missing, "--data", data]);

        Assert.True(result.ExitCode == 1, "exit code should be 1: " + result);
        Assert.Equal(3, result.ErrorLines.Count);
        foreach (var bad in new[] { empty, text, missing })
        {
            var line = Assert.Single(result.ErrorLines, l => l.StartsWith($"error: {bad}: ", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(line[$"error: {bad}: ".Length..]), "no cause in: " + line);
        }

        Assert.DoesNotContain(result.ErrorLines, l => l.Contains(good1, StringComparison.Ordinal) || l.Contains(good2, StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("empty", StringComparison.OrdinalIgnoreCase) && l.StartsWith("error: " + empty, StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("not found", StringComparison.OrdinalIgnoreCase) && l.StartsWith("error: " + missing, StringComparison.Ordinal));

        var videos = (await Cli.JsonAsync(data, "videos")).Items();
        Assert.Equal(
            new[] { Path.GetFileName(good1), Path.GetFileName(good2) }.Order(StringComparer.Ordinal),
            videos.Select(v => v.Str("fileName")).Order(StringComparer.Ordinal));
        Assert.All(videos, v => Assert.True(v.Int("shotCount") >= 1 && v.Num("durationSeconds") > 1.5, "incomplete video: " + v));

        var jobs = (await Cli.JsonAsync(data, "jobs")).Items();
        Assert.Equal(5, jobs.Count);
        Assert.Equal(2, jobs.Count(j => j.Str("status") == "succeeded"));
        Assert.All(jobs.Where(j => j.Str("status") == "failed"), j => Assert.False(string.IsNullOrWhiteSpace(j.Str("error"))));
        Assert.Equal(
            new[] { empty, text, missing }.Order(StringComparer.Ordinal),
            jobs.Where(j => j.Str("status") == "failed").Select(j => j.Str("path")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ingest_WithNothingToIngest_ExitsTwoWithAnErrorLine()
    {
        using var scratch = new Scratch();

        var result = await Cli.RunAsync(["ingest", "--data", scratch["data"]]);

        Assert.True(result.ExitCode == 2, "exit code should be 2: " + result);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task Ingest_UnreadableFile_ExitsOneAndSaysPermissionDeniedForThatFile()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("file modes are a Unix feature: this test runs on Linux");
            return;
        }

        using var scratch = new Scratch();
        var locked = scratch["locked.mp4"];
        File.Copy(await TestMedia.PatternClipAsync(3), locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var data = scratch["data"];

        var result = await Cli.RunAsync(["ingest", locked, "--data", data], withoutFileReadOverride: true);

        Assert.True(result.ExitCode == 1, "exit code should be 1: " + result);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {locked}: ", line, StringComparison.Ordinal);
        Assert.Contains("permission denied", line, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await Cli.JsonAsync(data, "videos")).Items());
    }
}
