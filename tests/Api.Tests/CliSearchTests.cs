namespace Cbvr.Api.Tests;

/// <summary><c>cbvr search</c> through the real CLI on an analysed library (dog, on-screen text and speech clips).</summary>
public sealed class CliSearchTests(AnalysedCliLibrary library) : IClassFixture<AnalysedCliLibrary>
{
    [Fact]
    public async Task SearchJson_FindsTheSpokenWordThroughAsr()
    {
        var result = await library.RunAsync("search", "elephant", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());

        var hit = JsonHelpers.Parse(result.StandardOutput).GetProperty("hits").Items()[0];
        Assert.Equal(Path.GetFileName(library.SpeechPath), hit.Str("fileName"));
        Assert.Contains(hit.GetProperty("evidence").GetProperty("snippets").Items(), s => s.Str("field") == "asr");
    }

    [Fact]
    public async Task SearchTable_WithGroupAndRerank_PrintsHitsAndGroups()
    {
        var result = await library.RunAsync("search", "a dog", "--group", "--rerank", "--explain");
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Contains(Path.GetFileName(library.DogPath), result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("concept coco:dog", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("group 0", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty query")]
    [InlineData("neither a file nor a video", "--example", "no-such-clip.mp4")]
    public async Task BadSearches_ExitWith2AndSayWhy(string reason, params string[] arguments)
    {
        var result = await library.RunAsync(["search", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.StandardError, StringComparison.Ordinal);
    }
}
