using System.Net;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Web.Tests.Support;

/// <summary>
/// The real server (entry point, configuration, services, endpoints, static UI) on Kestrel at a free loopback port, over its
/// own temp data directory, so that a real browser can load it. Settings as in the API tests' factory: API key
/// <see cref="ApiKey"/>, the default models and the model pack beside the checkout, content analysis off (on in
/// <see cref="AnalysingWebServer"/>). Use it as a class fixture; it starts in <see cref="InitializeAsync"/>.
/// </summary>
public class WebServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The API key the server is configured with (<c>Api:ApiKey</c>); the UI takes it from <c>/?key=</c>.</summary>
    public const string ApiKey = "test-key";

    public WebServer() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    /// <summary>The server's data directory (catalog, keyframes, uploads), deleted on dispose.</summary>
    public string DataDirectory { get; } = TestMedia.NewFolder("cbvr-web-data-");

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The default models (.cache/models, laid by scripts/setup.sh).</summary>
    public static string ModelsDirectory => Path.Combine(TestMedia.RepositoryRoot, ".cache", "models");

    /// <summary>The model pack beside the checkout, as on CI and development machines (empty when absent).</summary>
    public static string PackDirectory =>
        Path.GetFullPath(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "models")) is var pack && Directory.Exists(pack) ? pack : "";

    /// <summary>Content analysis during ingest: off here (faster), on in <see cref="AnalysingWebServer"/>.</summary>
    protected virtual bool AnalysisEnabled => false;

    /// <summary>Ingests <paramref name="path"/> through the app's own queue and returns the finished job.</summary>
    public async Task<JobRecord> IngestAsync(string path)
    {
        var queue = Services.GetRequiredService<IngestQueue>();
        var id = queue.Enqueue(path);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(AnalysisEnabled ? 5 : 2));
        return await queue.WaitAsync(id, timeout.Token);
    }

    /// <summary>Ingests <paramref name="path"/> and fails the test unless the job succeeded.</summary>
    public async Task<JobRecord> IngestSucceededAsync(string path)
    {
        var job = await IngestAsync(path);
        Assert.True(job.Status == JobStatus.Succeeded, $"ingest of {path} ended {job.Status}: {job.Error}");
        return job;
    }

    public Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.Single().TrimEnd('/');
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

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

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Given as app configuration, not with UseSetting: the factory turns nested UseSetting keys into command-line
        // arguments that the program's command line rejects (see the API tests' ApiFactoryUseSettingTests).
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Api:ApiKey"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Models:Directory"] = ModelsDirectory,
            ["Models:PackDirectory"] = PackDirectory,
            ["Analysis:Enabled"] = AnalysisEnabled ? "true" : "false",
        }));
    }
}
