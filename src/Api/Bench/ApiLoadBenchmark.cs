using System.Diagnostics;
using System.Security.Cryptography;
using Cbvr.Api.Cli;
using Cbvr.Api.Server;
using Cbvr.Detectors.Storage;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Demo;
using Cbvr.Ingest.Media;

namespace Cbvr.Api.Bench;

/// <summary>
/// <c>cbvr bench api</c>: copies the library to a scratch folder, serves it with the real server on a loopback port, runs the
/// clients against it while clips are uploaded and ingested, then measures the floors, and removes the copy.
/// </summary>
public static class ApiLoadBenchmark
{
    public static async Task<ApiBenchReport> RunAsync(GlobalOptions global, ApiBenchOptions options, Action<string>? progress, CancellationToken cancellationToken)
    {
        var source = SourceDirectory(global);
        var scratch = Directory.CreateTempSubdirectory("cbvr-bench-api-");
        try
        {
            progress?.Invoke($"copying {source} to {scratch.FullName}");
            var copyClock = Stopwatch.StartNew();
            var data = Path.Combine(scratch.FullName, "data");
            LibrarySnapshot.Copy(source, data);
            var copySeconds = copyClock.Elapsed.TotalSeconds;

            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var app = CbvrServer.Build(global with { DataDirectory = data, Settings = [.. global.Settings, .. ServerSettings(key, options.RateLimit)] }, "http://127.0.0.1:0", demo: false);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var address = app.Urls.Single();
                progress?.Invoke($"server on {address}");
                using var client = Client(address, key, options.Clients);
                var run = new BenchRun(app, client, options, progress);
                var report = await run.RunAsync(source, copySeconds, await IngestFilesAsync(app.Services, options, scratch.FullName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return report;
            }
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a leftover in the temp folder is harmless
            }
        }
    }

    /// <summary>The library to copy: <c>--data</c>, else the configured data directory, as every verb resolves it.</summary>
    private static string SourceDirectory(GlobalOptions global)
    {
        var configuration = new ConfigurationManager();
        configuration.AddProgramSettings();
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(global.Settings);
        return IngestServiceCollectionExtensions.ResolveDataDirectory(configuration, global.DataDirectory);
    }

    /// <summary>The bench server's own settings, after the user's: its key, the search rate limit, and logs on stderr (warnings only).</summary>
    private static string[] ServerSettings(string key, int rateLimit) =>
    [
        "--Api:ApiKey=" + key,
        "--Api:SearchRequestsPerSecond=" + rateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:Console:LogToStandardErrorThreshold=Trace",
    ];

    private static HttpClient Client(string address, string key, int clients)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients + 4,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<IReadOnlyList<string>> IngestFilesAsync(IServiceProvider services, ApiBenchOptions options, string scratch, CancellationToken cancellationToken)
    {
        foreach (var file in options.IngestFiles)
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"--ingest: '{file}' does not exist");
            }
        }

        return options.IngestFiles.Count > 0
            ? options.IngestFiles
            : [await IngestClip.ChooseAsync(services.GetRequiredService<DemoCorpus>(), services.GetRequiredService<VideoCatalog>(), services.GetRequiredService<FfmpegTools>(), scratch, cancellationToken).ConfigureAwait(false)];
    }

    /// <summary>The library's size and the request mix, read from the running server's services.</summary>
    internal static (int Videos, IReadOnlyList<BenchQuery> Queries) Workload(WebApplication app, ApiBenchOptions options)
    {
        var services = app.Services;
        var catalog = services.GetRequiredService<VideoCatalog>();
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText ?? "", @"\{[^}]*\}", "{}"))
            .ToHashSet(StringComparer.Ordinal);
        var queries = options.QueriesFile is { } file
            ? QueryMix.Parse(File.ReadLines(file))
            : QueryMix.Build(services.GetRequiredService<ConceptBank>(), catalog, services.GetRequiredService<DetectionStore>(), routes);
        return (catalog.Count(), queries);
    }
}
