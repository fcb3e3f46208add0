using Cbvr.Api.Cli;
using Cbvr.Detectors.Analysis;
using Cbvr.Features.Codebooks;
using Cbvr.Features.Extractors;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Demo;
using Cbvr.Ingest.Jobs;

namespace Cbvr.Api.Server;

/// <summary>
/// On start, queues the demo corpus when the library is empty and nothing is queued (<c>serve --demo</c>); once it is in, learns
/// the MFCC codebook from it and encodes the clips' audio words, so the demo library has every feature.
/// </summary>
public sealed class DemoSeeder(
    VideoCatalog catalog, JobStore jobs, DemoCorpus corpus, IngestQueue queue, CodebookStore codebooks, IServiceProvider services, ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (catalog.Count() > 0 || jobs.List(1, JobStatus.Queued).Count > 0 || jobs.List(1, JobStatus.Running).Count > 0)
        {
            return;
        }

        var clips = corpus.Resolve().Where(c => c.File is not null).ToList();
        logger.LogInformation("library is empty: ingesting {Count} demo clips", clips.Count);
        var ids = clips.Select(clip => queue.Enqueue(clip.File!)).ToList();
        foreach (var id in ids)
        {
            await queue.WaitAsync(id, stoppingToken).ConfigureAwait(false);
        }

        if (codebooks.Load(MfccExtractor.FeatureName) is not null)
        {
            return;
        }

        try
        {
            var (report, _) = await AudioCodebook.LearnAndEncodeAsync(services, clusters: 64, eta: 1, stoppingToken).ConfigureAwait(false);
            logger.LogInformation("demo: learned the MFCC codebook ({Clusters} codewords from {Descriptors} frames) and encoded the clips' audio words", report.Info.Clusters, report.Info.Descriptors);
        }
        catch (InvalidOperationException e)
        {
            logger.LogWarning("demo: no MFCC codebook learned: {Cause}", e.Message);
        }
    }
}
