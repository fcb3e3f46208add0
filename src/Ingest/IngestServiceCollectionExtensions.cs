using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Demo;
using Cbvr.Ingest.Jobs;
using Cbvr.Ingest.Media;
using Cbvr.Ingest.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cbvr.Ingest;

/// <summary>Registers the ingest layer.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Adds the catalog, the ingest pipeline and its queue (a hosted service). The data directory is
    /// <paramref name="dataDirectory"/> when given (the <c>--data</c> option), else resolved from configuration.
    /// </summary>
    public static IServiceCollection AddCbvrIngest(this IServiceCollection services, string? dataDirectory)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddSingleton(sp => new DataDirectory(ResolveDataDirectory(sp.GetRequiredService<IConfiguration>(), dataDirectory)));
        services.AddSingleton<CatalogDatabase>();
        services.AddSingleton<VideoCatalog>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<FfmpegTools>();
        services.AddSingleton<MediaProber>();
        services.AddSingleton<PlaybackRendition>();
        services.AddSingleton<FrameDecoder>();
        services.AddSingleton<SourcePolicy>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<StartupRecovery>();
        services.AddSingleton<IngestProgressHub>();
        services.AddSingleton<DemoCorpus>();
        services.AddSingleton<Shots.ShotAnalyzer>();
        services.AddSingleton<Bench.IngestBenchmark>();
        services.AddSingleton<IngestQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestQueue>());
        return services;
    }

    /// <summary>
    /// Server only: makes browser-playable copies of newly ingested videos in the background (<see cref="PlaybackWarmer"/>).
    /// CLI verbs leave it out, so a batch ingest never waits for transcodes.
    /// </summary>
    public static IServiceCollection AddCbvrPlaybackWarmup(this IServiceCollection services) =>
        services.AddHostedService<PlaybackWarmer>();

    /// <summary>The data directory: <c>--data</c> (passed in), else <c>CBVR_DATA</c>, else <c>Storage:DataDirectory</c>, else <c>./data</c>.</summary>
    public static string ResolveDataDirectory(IConfiguration configuration, string? commandLine) =>
        Path.GetFullPath(
            !string.IsNullOrWhiteSpace(commandLine) ? commandLine
            : Environment.GetEnvironmentVariable("CBVR_DATA") is { Length: > 0 } env ? env
            : configuration["Storage:DataDirectory"] is { Length: > 0 } configured ? configured
            : "data");
}
