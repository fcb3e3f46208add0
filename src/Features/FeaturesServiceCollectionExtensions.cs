using Cbvr.Features.Codebooks;
using Cbvr.Features.Deep;
using Cbvr.Features.Extractors;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Cbvr.Features.Store;
using Cbvr.Features.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cbvr.Features;

/// <summary>Registers the feature layer: model registry, inference host, feature store and the extractors.</summary>
public static class FeaturesServiceCollectionExtensions
{
    public static IServiceCollection AddCbvrFeatures(this IServiceCollection services)
    {
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<InferenceHost>();
        services.TryAddSingleton<FeatureStore>();
        services.TryAddSingleton<ResNetEmbedder>();
        services.TryAddSingleton<CodebookStore>();
        services.TryAddSingleton<CodebookLearner>();
        services.TryAddSingleton<TextEmbedder>();

        // Extractors run in this order; frame extractors see every sampled frame while ingest decodes.
        services.AddSingleton<IFeatureExtractor, VisualExtractor>();
        services.AddSingleton<IFeatureExtractor, ResNetExtractor>();
        services.AddSingleton<IFeatureExtractor, MfccExtractor>();
        services.AddSingleton<IFeatureExtractor, AudioWordsExtractor>();
        return services;
    }
}
