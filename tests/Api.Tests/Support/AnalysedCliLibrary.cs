using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>
/// A data directory where one <c>cbvr ingest</c> with analysis on took the dog, on-screen text and speech clips, shared by
/// the tests of a class; <see cref="Videos"/> is what <c>cbvr videos --json</c> printed right after.
/// </summary>
public sealed class AnalysedCliLibrary : IAsyncLifetime
{
    private readonly Scratch _scratch = new();

    public string DataDirectory => _scratch["data"];

    public string DogPath { get; } = AnalysisClips.Dog;

    public string TextPath { get; private set; } = "";

    public string SpeechPath { get; private set; } = "";

    /// <summary><c>cbvr videos --json</c> after the ingest.</summary>
    public IReadOnlyList<JsonElement> Videos { get; private set; } = [];

    /// <summary>The listed video of the clip at <paramref name="path"/> (by file name: the catalog keeps the path with links resolved).</summary>
    public JsonElement Video(string path) => Assert.Single(Videos, v => v.Str("fileName") == Path.GetFileName(path));

    /// <summary>Runs <c>cbvr ARGS --data DATA</c> with analysis on.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) =>
        Cli.RunAsync([.. arguments, "--data", DataDirectory], Cli.WithAnalysis());

    public async Task InitializeAsync()
    {
        TextPath = await AnalysisClips.TextClipAsync();
        SpeechPath = await AnalysisClips.SpeechClipAsync();
        var ingest = await Cli.RunAsync(["ingest", DogPath, TextPath, SpeechPath, "--data", DataDirectory, "--quiet"], Cli.WithAnalysis(), timeout: TimeSpan.FromMinutes(5));
        Assert.True(ingest.ExitCode == 0, "ingest with analysis failed: " + ingest);
        Videos = (await Cli.JsonAsync(DataDirectory, "videos")).Items();
    }

    public Task DisposeAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
