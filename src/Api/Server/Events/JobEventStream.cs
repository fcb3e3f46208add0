using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;

namespace Cbvr.Api.Server.Events;

/// <summary>
/// Job progress as server-sent events (<c>event: job</c>, data = <see cref="JobDto"/>) for live progress bars. Updates from
/// <see cref="IngestProgressHub"/> are coalesced per job (only a job's latest state waits to be sent, so the buffer is bounded
/// by the number of jobs) and sent at most every <see cref="Interval"/>; a job's terminal event is never dropped.
/// </summary>
public sealed class JobEventStream : IDisposable
{
    /// <summary>The event type of every event.</summary>
    public const string EventType = "job";

    /// <summary>Shortest time between two batches of events (at most ~4 updates per second per job).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly long? _jobId;
    private readonly JobStore _jobs;
    private readonly IngestProgressHub _hub;
    private readonly ConcurrentDictionary<long, JobProgress> _latest = new();
    private readonly ConcurrentQueue<JobProgress> _ended = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Subscribes at once, so no change after this call is missed; <paramref name="jobId"/> null follows every job.</summary>
    public JobEventStream(long? jobId, JobStore jobs, IngestProgressHub hub)
    {
        (_jobId, _jobs, _hub) = (jobId, jobs, hub);
        hub.Changed += OnChanged;
    }

    public void Dispose() => _hub.Changed -= OnChanged;

    /// <summary>
    /// The events: first the current state (the job's, or every active job's), then each change until the client goes away;
    /// a single job's stream ends after its terminal event (at once when it had already ended). <paramref name="started"/>
    /// runs before waiting for the first change, to send the response headers, so a client knows it is subscribed.
    /// </summary>
    public async IAsyncEnumerable<SseItem<JobDto>> ReadAllAsync(Func<Task> started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            if (_jobId is { } id)
            {
                var record = _jobs.Find(id);
                if (record is null)
                {
                    yield break;
                }

                yield return From(record, _hub.Get(id));
                if (record.IsFinished)
                {
                    yield break;
                }
            }
            else
            {
                foreach (var progress in _hub.Active.OrderBy(p => p.JobId))
                {
                    if (_jobs.Find(progress.JobId) is { } active)
                    {
                        yield return From(active, progress);
                    }
                }
            }

            await started().ConfigureAwait(false);
            var pause = false;
            while (await WaitForChangeAsync(pause, cancellationToken).ConfigureAwait(false))
            {
                pause = true;
                foreach (var jobId in _latest.Keys.Order())
                {
                    if (_latest.TryRemove(jobId, out var progress) && _jobs.Find(jobId) is { } record)
                    {
                        yield return From(record, progress);
                    }
                }

                while (_ended.TryDequeue(out var ended))
                {
                    if (_jobs.Find(ended.JobId) is { } record)
                    {
                        yield return From(record, null);
                    }

                    if (_jobId is not null)
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>
    /// Waits <see cref="Interval"/> after a batch (the throttle), then until something changed; false when the client went away
    /// or the server stops (the stream then simply ends).
    /// </summary>
    private async Task<bool> WaitForChangeAsync(bool pause, CancellationToken cancellationToken)
    {
        try
        {
            if (pause)
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }

            var changed = await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
            return changed;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The job's record with the live progress of a queued or running job (null for an ended one: the record is final).</summary>
    private static SseItem<JobDto> From(JobRecord record, JobProgress? live)
    {
        var dto = Dto.From(record);
        if (live is { Status: JobStatus.Queued or JobStatus.Running } && !record.IsFinished)
        {
            dto = dto with
            {
                Status = live.Status.ToString().ToLowerInvariant(),
                Progress = live.Fraction,
                DoneSeconds = live.DoneSeconds,
                TotalSeconds = live.TotalSeconds > 0 ? live.TotalSeconds : record.TotalSeconds,
                Stage = live.Stage,
            };
        }

        return new SseItem<JobDto>(dto, EventType);
    }

    /// <summary>On the worker's thread: keep the latest state (a terminal one replaces pending progress) and wake the reader.</summary>
    private void OnChanged(JobProgress progress)
    {
        if (_jobId is { } id && progress.JobId != id)
        {
            return;
        }

        if (progress.Status is JobStatus.Queued or JobStatus.Running)
        {
            _latest[progress.JobId] = progress;
        }
        else
        {
            _latest.TryRemove(progress.JobId, out _);
            _ended.Enqueue(progress);
        }

        _wake.Writer.TryWrite(true);
    }
}
