using Cbvr.Ingest.Catalog;

namespace Cbvr.Api.Tests;

/// <summary>The server with analysis on, with the dog and the on-screen text clips ingested, shared by the tests of a class.</summary>
public sealed class AnalysedApiLibrary : IAsyncLifetime
{
    public AnalysingApiFactory Factory { get; } = new();

    public string DogPath { get; } = AnalysisClips.Dog;

    public string TextPath { get; private set; } = "";

    public string DogId { get; private set; } = "";

    public string TextId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        TextPath = await AnalysisClips.TextClipAsync();
        DogId = await IngestAsync(DogPath);
        TextId = await IngestAsync(TextPath);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private async Task<string> IngestAsync(string path)
    {
        var job = await Factory.IngestAsync(path);
        Assert.True(job.Status == JobStatus.Succeeded, $"ingest of {path} ended {job.Status}: {job.Error}");
        Assert.True(string.IsNullOrEmpty(job.Warnings), $"ingest of {path} warned: {job.Warnings}");
        return job.VideoId!;
    }
}
