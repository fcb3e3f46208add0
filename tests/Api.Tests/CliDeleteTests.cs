using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr delete</c>: the video leaves the library and the search index; unknown ids are errors.</summary>
public sealed class CliDeleteTests
{
    [Fact]
    public async Task Delete_RemovesTheVideoFromSearch_AndAnUnknownIdExits2()
    {
        using var scratch = new Scratch();
        var data = scratch["data"];
        await Cli.RunOkAsync("ingest", await TestMedia.PatternClipAsync(2, pattern: "smptehdbars"), "--data", data, "--quiet");
        var found = JsonHelpers.Parse((await Cli.RunOkAsync("search", "smptehdbars", "--json", "--data", data)).StandardOutput);
        var id = Assert.Single(found.GetProperty("hits").Items()).Str("videoId");

        var deleted = await Cli.RunOkAsync("delete", id[..8], "--data", data);
        var after = JsonHelpers.Parse((await Cli.RunOkAsync("search", "smptehdbars", "--json", "--data", data)).StandardOutput);
        var unknown = await Cli.RunAsync(["delete", "0000ffff", "--data", data]);

        Assert.Contains(id, deleted.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(after.GetProperty("hits").Items());
        Assert.Empty((await Cli.JsonAsync(data, "videos")).Items());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no video '0000ffff'", unknown.StandardError, StringComparison.Ordinal);
    }
}
