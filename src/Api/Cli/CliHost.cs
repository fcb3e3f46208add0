using Cbvr.Search;
using Cbvr.Ingest;
using Microsoft.Extensions.Logging.Console;

namespace Cbvr.Api.Cli;

/// <summary>The host for verbs other than serve: the same configuration and services as the server, logs on stderr.</summary>
public static class CliHost
{
    /// <summary>
    /// Puts appsettings.json beside the program below every other source (the working directory's appsettings.json,
    /// the environment, the command line), so `./cbvr` run from anywhere has its defaults. Server and CLI both use it.
    /// </summary>
    public static void AddProgramSettings(this IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });

    /// <summary>The program's settings, CLI defaults (warnings only in the log), then the command-line settings.</summary>
    public static void AddCbvrCliConfiguration(this IConfigurationManager configuration, string[] settings)
    {
        configuration.AddProgramSettings();
        configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Microsoft", "Warning"), new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"), new("Logging:LogLevel:Microsoft.Extensions.Hosting", "None")]);
        configuration.AddCommandLine(settings);
    }

    /// <summary>Builds and starts a host with the ingest layer and its queue (recovery included), for verbs that ingest.</summary>
    public static async Task<IHost> StartAsync(GlobalOptions global, CancellationToken cancellationToken)
    {
        var host = Build(global);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// Builds a host for verbs that analyse stored videos (reextract, codebooks, concepts): models verified and the concept bank
    /// refreshed as at start, but no ingest queue running, so interrupted ingest jobs wait for the next ingest or serve.
    /// </summary>
    public static async Task<IHost> BuildForAnalysisAsync(GlobalOptions global, CancellationToken cancellationToken)
    {
        var host = Build(global);
        await host.Services.GetServices<IHostedService>().OfType<Cbvr.Detectors.Analysis.AnalysisStartup>().Single().StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Builds a host without starting it: services to read the catalog, no queue running.</summary>
    public static IHost Build(GlobalOptions global)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = false });
        builder.Configuration.AddCbvrCliConfiguration(global.Settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddCbvrSearch();
        builder.Services.AddCbvrIngest(global.DataDirectory);
        builder.Services.AddSingleton<AnalysisDto>();

        // The verb owns Ctrl-C (System.CommandLine cancels its token); the host must not compete for the signal.
        builder.Services.AddSingleton<IHostLifetime, VerbLifetime>();
        return builder.Build();
    }
}

/// <summary>A host lifetime that leaves signals alone: the CLI verb decides when the host stops.</summary>
internal sealed class VerbLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Options every verb shares: the data directory and configuration overrides from the command line.</summary>
public sealed record GlobalOptions(string? DataDirectory, string[] Settings);
