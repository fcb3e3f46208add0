using Cbvr.Api.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// The test server with extra settings (e.g. <c>Ingest:AllowedRoots:0</c>), optionally with analysis, and optionally a small
/// upload limit. The limit is also set on the options directly, so it holds however the server binds the <c>Api</c> section.
/// </summary>
public sealed class ConfiguredApiFactory(IReadOnlyDictionary<string, string?> settings, bool analysis = false, long? maxUploadBytes = null) : ApiFactory
{
    protected override bool AnalysisEnabled => analysis;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        if (maxUploadBytes is { } limit)
        {
            builder.ConfigureServices(services => services.PostConfigure<ApiOptions>(o => o.MaxUploadBytes = limit));
        }
    }
}
