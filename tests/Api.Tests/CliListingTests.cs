using System.Text.RegularExpressions;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr videos</c> and <c>cbvr jobs</c> over a library holding one clip.</summary>
public sealed partial class CliListingTests(CliLibrary library) : IClassFixture<CliLibrary>
{
    [Fact]
    public async Task Videos_Json_IsAnArrayWithTheClipInCamelCase()
    {
        var video = Assert.Single((await Cli.JsonAsync(library.DataDirectory, "videos")).Items());

        Assert.Matches(HexId(), video.Str("id"));
        Assert.Equal(Path.GetFileName(library.ClipPath), video.Str("fileName"));
        Assert.InRange(video.Num("durationSeconds"), 2.8, 3.2);
        Assert.True(video.Int("shotCount") >= 1, "shotCount should be at least 1");
        Assert.Equal(2, video.Num("sampledFramesPerSecond"));
    }

    [Fact]
    public async Task Jobs_Json_IsAnArrayWithTheSucceededJob()
    {
        var job = Assert.Single((await Cli.JsonAsync(library.DataDirectory, "jobs")).Items());

        Assert.Equal("succeeded", job.Str("status"));
        Assert.Equal(library.VideoId, job.Str("videoId"));
        Assert.Equal(library.ClipPath, job.Str("path"));
        Assert.Equal(1, job.Num("progress"));
    }

    [Fact]
    public async Task Jobs_FailedJson_IsAnEmptyArrayWhenNothingFailed()
    {
        Assert.Empty((await Cli.JsonAsync(library.DataDirectory, "jobs", "--failed")).Items());
    }

    [Fact]
    public async Task Videos_WithAnIdPrefix_Json_ShowsTheVideoWithItsShots()
    {
        var detail = await Cli.JsonAsync(library.DataDirectory, "videos", library.VideoId[..8]);

        Assert.Equal(library.VideoId, detail.GetProperty("video").Str("id"));
        Assert.Contains(library.ClipPath, detail.GetProperty("locations").Items().Select(l => l.GetString()));
        var shots = detail.GetProperty("shots").Items();
        Assert.NotEmpty(shots);
        Assert.Equal(0, shots[0].Num("startSeconds"));
        Assert.All(shots, s => Assert.True(s.Num("startSeconds") < s.Num("endSeconds"), "empty shot: " + s));
        Assert.All(shots, s => Assert.StartsWith($"/api/videos/{library.VideoId}/shots/", s.Str("keyframeUrl"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Videos_Table_ListsTheClipByShortIdAndName()
    {
        var result = await Cli.RunOkAsync("videos", "--data", library.DataDirectory);

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith(library.VideoId[..12], row, StringComparison.Ordinal);
        Assert.EndsWith(Path.GetFileName(library.ClipPath), row.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Videos_WithAnUnknownId_ExitsOneWithAnErrorLine()
    {
        var result = await Cli.RunAsync(["videos", "ffffffffffff", "--json", "--data", library.DataDirectory]);

        Assert.True(result.ExitCode == 1, "exit code should be 1: " + result);
        Assert.Contains("ffffffffffff", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput.Trim());
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexId();
}
