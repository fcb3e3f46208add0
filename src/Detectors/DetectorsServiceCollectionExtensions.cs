using Cbvr.Detectors.Analysis;
using Cbvr.Detectors.Audio;
using Cbvr.Detectors.Concepts;
using Cbvr.Detectors.Storage;
using Cbvr.Detectors.Text;
using Cbvr.Detectors.Vision;
using Cbvr.Features;
using Cbvr.Ingest.Analysis;
using Cbvr.Ingest.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Detectors;

/// <summary>Registers the features and detectors, and hooks their analysis into ingest.</summary>
public static class DetectorsServiceCollectionExtensions
{
    /// <summary>Call before <c>AddCbvrIngest</c>, so models are verified before the ingest queue starts.</summary>
    public static IServiceCollection AddCbvrDetectors(this IServiceCollection services)
    {
        services.AddCbvrFeatures();
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName);
        services.AddOptions<AsrOptions>().BindConfiguration(AsrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ICatalogSchemaPart, DetectorSchema>();
        services.AddSingleton<DetectionStore>();
        services.AddSingleton<ConceptBank>();

        // Detectors run in this order, after the extractors.
        services.AddSingleton<IShotDetector, ImageNetDetector>();
        services.AddSingleton<IShotDetector, CocoDetector>();
        services.AddSingleton<IShotDetector, VocDetector>();
        services.AddSingleton<IShotDetector, FaceDetector>();
        services.AddSingleton<IShotDetector, OcrDetector>();
        services.AddSingleton<IShotDetector, SpeechDetector>();
        services.AddSingleton<IShotDetector, AsrDetector>();
        services.AddSingleton<IShotDetector, TrainedConceptDetector>();
        services.AddSingleton<TrainedConceptStore>();
        services.AddSingleton<ConceptTrainer>();

        services.AddSingleton<AnalysisSteps>();
        services.AddSingleton<StepRunner>();
        services.AddSingleton<IIngestAnalyzer, ContentAnalyzer>();
        services.AddSingleton<Reextractor>();
        services.AddSingleton<Bench.FeatureBenchmark>();
        services.AddHostedService<AnalysisStartup>();
        return services;
    }
}
