using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// The real server (entry point, configuration, services, endpoints) in memory, over its own temp data directory.
/// The directory is given as app configuration, not with <c>UseSetting</c>: UseSetting of a nested key makes the factory
/// pass <c>--Storage=</c> to the entry point, which the command line rejects (see <see cref="ApiFactoryUseSettingTests"/>).
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The API key the test server is configured with (<c>Api:ApiKey</c>).</summary>
    public const string ApiKey = "test-key";

    public string DataDirectory { get; } = TestMedia.NewFolder("cbvr-api-data-");

    /// <summary>A client that sends the API key, for write endpoints.</summary>
    public HttpClient CreateWriteClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>Ingests <paramref name="path"/> through the app's own queue and returns the finished job.</summary>
    public async Task<JobRecord> IngestAsync(string path)
    {
        var queue = Services.GetRequiredService<IngestQueue>();
        var id = queue.Enqueue(path);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await queue.WaitAsync(id, timeout.Token);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Api:ApiKey"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Models:Directory"] = Cli.ModelsDirectory,
            ["Models:PackDirectory"] = Cli.PackDirectory,
            ["Analysis:Enabled"] = AnalysisEnabled ? "true" : "false",
        }));
    }

    /// <summary>Content analysis during ingest: off here (it would only slow the other API tests down), on in <see cref="AnalysingApiFactory"/>.</summary>
    protected virtual bool AnalysisEnabled => false;
}

/// <summary>The real server with content analysis on (features and detectors run in each ingest job).</summary>
public class AnalysingApiFactory : ApiFactory
{
    protected override bool AnalysisEnabled => true;
}

/// <summary>One server with one generated 3 s clip ingested, shared by the tests of a class.</summary>
public sealed class IngestedLibrary : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public string ClipPath { get; private set; } = "";

    public JobRecord Job { get; private set; } = null!;

    public HttpClient CreateClient() => Factory.CreateClient();

    public async Task InitializeAsync()
    {
        ClipPath = await TestMedia.PatternClipAsync(3);
        Job = await Factory.IngestAsync(ClipPath);
        Assert.True(Job.Status == JobStatus.Succeeded, $"ingest of {ClipPath} ended {Job.Status}: {Job.Error}");
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
