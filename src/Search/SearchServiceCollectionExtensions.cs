using Cbvr.Detectors;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Evidence;
using Cbvr.Search.Library;
using Cbvr.Search.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Search;

/// <summary>Registers the search layer (and the features and detectors below it).</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Call before <c>AddCbvrIngest</c>, in place of <c>AddCbvrDetectors</c> (which it calls first: the search tables' triggers
    /// need the detector tables). <paramref name="syncInBackground"/> keeps the indexes current in a long-running server.
    /// </summary>
    public static IServiceCollection AddCbvrSearch(this IServiceCollection services, bool syncInBackground = false)
    {
        services.AddCbvrDetectors();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ICatalogSchemaPart, SearchSchema>();
        services.AddSingleton<LibraryOrdinals>();
        services.AddSingleton<VideoLoader>();
        services.AddSingleton<SearchLibrary>();
        services.AddSingleton<QueryGenerators>();
        services.AddSingleton<ExampleArea>();
        services.AddSingleton<EvidenceBuilder>();
        services.AddSingleton<FusionWeights>();
        services.AddSingleton<HitGrouper>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<Shots.ShotSearch>();
        services.AddSingleton<Evaluation.MedEvaluation>();
        if (syncInBackground)
        {
            services.AddHostedService<SearchSync>();
        }

        return services;
    }
}
