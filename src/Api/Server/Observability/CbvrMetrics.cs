using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Prometheus;

namespace Cbvr.Api.Server.Observability;

/// <summary>
/// This server's Prometheus metrics, in a registry of its own (not the process-wide default one, so two servers in one
/// process, as in the tests, do not mix their numbers): HTTP metrics, .NET process metrics, and Cbvr's own. The catalog size
/// and the live jobs are read when Prometheus scrapes; finished jobs are counted from the progress hub's events.
/// </summary>
public sealed class CbvrMetrics : IDisposable
{
    private readonly IngestProgressHub _hub;
    private readonly Counter _jobsFinished;

    public CbvrMetrics(VideoCatalog catalog, IngestProgressHub hub)
    {
        _hub = hub;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        var videos = factory.CreateGauge("cbvr_videos", "Videos in the catalog.");
        var jobs = factory.CreateGauge("cbvr_jobs", "Ingest jobs of this process that are queued or running.", "status");
        _jobsFinished = factory.CreateCounter("cbvr_ingest_jobs_finished_total", "Ingest jobs that ended, by how they ended.", "status");
        SearchDuration = factory.CreateHistogram("cbvr_search_duration_seconds", "Time to answer a search request.", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 12),
        });
        foreach (var ended in new[] { JobStatus.Succeeded, JobStatus.Skipped, JobStatus.Failed, JobStatus.Cancelled })
        {
            _jobsFinished.WithLabels(Label(ended)).Publish(); // every series exists from the start, at 0
        }

        Registry.AddBeforeCollectCallback(() =>
        {
            videos.Set(catalog.Count());
            var active = hub.Active;
            jobs.WithLabels("queued").Set(active.Count(j => j.Status == JobStatus.Queued));
            jobs.WithLabels("running").Set(active.Count(j => j.Status == JobStatus.Running));
        });
        hub.Changed += OnJobChanged;
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Observed by <see cref="SearchMetricsFilter"/> around every search endpoint.</summary>
    public Histogram SearchDuration { get; }

    public void Dispose() => _hub.Changed -= OnJobChanged;

    private static string Label(JobStatus status) => status.ToString().ToLowerInvariant();

    private void OnJobChanged(JobProgress progress)
    {
        if (progress.Status is not (JobStatus.Queued or JobStatus.Running))
        {
            _jobsFinished.WithLabels(Label(progress.Status)).Inc();
        }
    }
}
