using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>A data directory with one generated clip ingested by <c>cbvr ingest</c>, shared by the tests of a class.</summary>
public sealed class CliLibrary : IAsyncLifetime
{
    private readonly Scratch _scratch = new();

    public string DataDirectory => _scratch["data"];

    public string ClipPath { get; private set; } = "";

    public string VideoId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ClipPath = await TestMedia.PatternClipAsync(3);
        await Cli.RunOkAsync("ingest", ClipPath, "--data", DataDirectory, "--quiet");
        VideoId = Assert.Single((await Cli.JsonAsync(DataDirectory, "videos")).Items()).Str("id");
    }

    public Task DisposeAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }
}
