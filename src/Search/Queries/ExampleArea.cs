using Cbvr.Detectors;
using Cbvr.Detectors.Concepts;
using Cbvr.Detectors.Storage;
using Cbvr.Features.Codebooks;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Cbvr.Features.Store;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Search.Library;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cbvr.Search.Queries;

/// <summary>
/// Example clips given with a query are analysed here, in a data directory of their own (<c>DATA/examples</c>), never in the
/// library: the same ingest and analysis as the library (sharing the loaded models, the audio codebook and the trained
/// concepts), so their features are comparable. The same file again is found by its content hash and not analysed twice.
/// </summary>
public sealed class ExampleArea(IServiceProvider root, DataDirectory data, IConfiguration configuration) : IDisposable
{
    private readonly Lazy<ServiceProvider> _services = new(() => Build(root, data, configuration));
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Analyses <paramref name="path"/> (or finds it analysed before) and returns what the indexes would hold of it.</summary>
    public async Task<(IndexedVideo Video, VideoRecord Record)> AnalyseAsync(string path, CancellationToken cancellationToken)
    {
        var services = _services.Value;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var jobs = services.GetRequiredService<JobStore>();
            var job = jobs.Create(path);
            await services.GetRequiredService<IngestPipeline>().RunAsync(job, path, static (_, _, _) => { }, cancellationToken).ConfigureAwait(false);
            var record = jobs.Find(job)!;
            if (record.VideoId is not { } id || services.GetRequiredService<VideoCatalog>().Find(id) is not { } video)
            {
                var error = record.Error ?? "it could not be analysed";
                var kind = error.Contains("not found", StringComparison.OrdinalIgnoreCase) ? SearchError.NotFound : SearchError.UnsupportedMedia;
                throw new SearchException(kind, $"example '{path}': {error}");
            }

            return (services.GetRequiredService<VideoLoader>().Load(video, -1), video);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The example's stores (shots, shot concepts, shot features) for evidence.</summary>
    public (VideoCatalog Catalog, DetectionStore Detections, FeatureStore Features) Stores
    {
        get
        {
            var services = _services.Value;
            return (services.GetRequiredService<VideoCatalog>(), services.GetRequiredService<DetectionStore>(), services.GetRequiredService<FeatureStore>());
        }
    }

    public void Dispose()
    {
        if (_services.IsValueCreated)
        {
            _services.Value.Dispose();
        }

        _gate.Dispose();
    }

    private static ServiceProvider Build(IServiceProvider root, DataDirectory data, IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(root.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        // The library's loaded models, codebook and trained concepts: registered first, so the layers below keep them.
        services.AddSingleton(root.GetRequiredService<ModelRegistry>());
        services.AddSingleton(root.GetRequiredService<InferenceHost>());
        services.AddSingleton(root.GetRequiredService<CodebookStore>());
        services.AddCbvrDetectors();
        services.AddSingleton(root.GetRequiredService<TrainedConceptStore>());
        services.AddCbvrIngest(Path.Combine(data.Root, "examples"));
        services.AddSingleton<VideoLoader>();
        return services.BuildServiceProvider();
    }
}
