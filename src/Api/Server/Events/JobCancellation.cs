using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;

namespace Cbvr.Api.Server.Events;

/// <summary>
/// Cancels a job of this server's queue. <see cref="IngestQueue.Cancel"/> reaches running jobs only; a job still waiting in
/// the queue is cancelled the moment it starts (the queue publishes "running" once the job can be cancelled).
/// </summary>
public static class JobCancellation
{
    /// <summary>True when the job was cancelled or will be when it starts; false when this process does not run it.</summary>
    public static bool Request(long jobId, IngestQueue queue, IngestProgressHub hub)
    {
        void OnChanged(JobProgress progress)
        {
            if (progress.JobId != jobId)
            {
                return;
            }

            if (progress.Status == JobStatus.Running)
            {
                queue.Cancel(jobId);
            }
            else if (progress.Status != JobStatus.Queued)
            {
                hub.Changed -= OnChanged;
            }
        }

        hub.Changed += OnChanged;
        if (queue.Cancel(jobId))
        {
            return true;
        }

        if (hub.Get(jobId) is { Status: JobStatus.Queued or JobStatus.Running })
        {
            // Started in between: cancel it now; otherwise the handler does it when it starts.
            queue.Cancel(jobId);
            return true;
        }

        hub.Changed -= OnChanged;
        return false;
    }
}
