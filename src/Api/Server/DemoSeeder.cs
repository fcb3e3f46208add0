using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Demo;
using Cbvr.Ingest.Jobs;

namespace Cbvr.Api.Server;

/// <summary>On start, queues the demo corpus when the library is empty and nothing is queued (<c>serve --demo</c>).</summary>
public sealed class DemoSeeder(VideoCatalog catalog, JobStore jobs, DemoCorpus corpus, IngestQueue queue, ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (catalog.Count() > 0 || jobs.List(1, JobStatus.Queued).Count > 0 || jobs.List(1, JobStatus.Running).Count > 0)
        {
            return Task.CompletedTask;
        }

        var clips = corpus.Resolve().Where(c => c.File is not null).ToList();
        logger.LogInformation("library is empty: ingesting {Count} demo clips", clips.Count);
        foreach (var clip in clips)
        {
            queue.Enqueue(clip.File!);
        }

        return Task.CompletedTask;
    }
}
