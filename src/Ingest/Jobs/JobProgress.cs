using System.Collections.Concurrent;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Ingest.Jobs;

/// <summary>
/// Live state of a job, for progress bars (CLI) and progress streams (API). Progress is in video-seconds over the whole job
/// (decoding and analysis together); <see cref="Stage"/> names the step running now (<c>decode</c>, <c>analysis: coco</c>).
/// </summary>
public sealed record JobProgress(long JobId, string Path, JobStatus Status, double DoneSeconds, double TotalSeconds, string? Error, string? Stage = null)
{
    /// <summary>0..1; unknown totals count as 0 until the job ends.</summary>
    public double Fraction => Status is JobStatus.Succeeded or JobStatus.Skipped ? 1 : TotalSeconds > 0 ? Math.Clamp(DoneSeconds / TotalSeconds, 0, 1) : 0;
}

/// <summary>The latest progress of every queued or running job of this process, and an event on each change.</summary>
public sealed class IngestProgressHub
{
    private readonly ConcurrentDictionary<long, JobProgress> _latest = new();

    /// <summary>Raised on every update, on the worker's thread; handlers must be quick.</summary>
    public event Action<JobProgress>? Changed;

    public JobProgress? Get(long jobId) => _latest.TryGetValue(jobId, out var p) ? p : null;

    public IReadOnlyCollection<JobProgress> Active => [.. _latest.Values.Where(p => p.Status is JobStatus.Queued or JobStatus.Running)];

    internal void Publish(JobProgress progress)
    {
        // Only live jobs are kept: a finished job's state is in the catalog, and a server runs for months.
        if (progress.Status is JobStatus.Queued or JobStatus.Running)
        {
            _latest[progress.JobId] = progress;
        }
        else
        {
            _latest.TryRemove(progress.JobId, out _);
        }

        Changed?.Invoke(progress);
    }
}
