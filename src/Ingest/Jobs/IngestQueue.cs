using System.Collections.Concurrent;
using System.Threading.Channels;
using Cbvr.Ingest.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Jobs;

/// <summary>
/// The in-process ingest queue: jobs are rows in the catalog, their ids flow through a channel to a bounded number of
/// workers. On start, jobs orphaned by a crashed process are retried or failed (<see cref="StartupRecovery"/>).
/// </summary>
public sealed class IngestQueue(
    IngestPipeline pipeline,
    JobStore jobs,
    StartupRecovery recovery,
    IngestProgressHub hub,
    IOptions<IngestOptions> options,
    ILogger<IngestQueue> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<(long Id, string Path)> _channel = Channel.CreateUnbounded<(long, string)>();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JobRecord>> _waiters = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly List<long> _recovered = [];

    /// <summary>Jobs of a crashed process that this queue took over at start.</summary>
    public IReadOnlyList<long> RecoveredJobs => _recovered;

    /// <summary>Adds a job for <paramref name="path"/> and returns its id. The path is checked when the job runs.</summary>
    public long Enqueue(string path)
    {
        path = AbsolutePath(path);
        var id = jobs.Create(path);
        Track(id);
        hub.Publish(new JobProgress(id, path, JobStatus.Queued, 0, 0, null));
        _channel.Writer.TryWrite((id, path));
        return id;
    }

    /// <summary>Completes when job <paramref name="jobId"/> has ended, with its final record.</summary>
    public Task<JobRecord> WaitAsync(long jobId, CancellationToken cancellationToken)
    {
        // Register first, then look: a job that ends in between completes the registered waiter or is seen as ended.
        var waiter = Track(jobId);
        if (jobs.Find(jobId) is { IsFinished: true } done)
        {
            waiter.TrySetResult(done);
            _waiters.TryRemove(new KeyValuePair<long, TaskCompletionSource<JobRecord>>(jobId, waiter));
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Cancels a queued or running job; false when it is not active in this process.</summary>
    public bool Cancel(long jobId)
    {
        if (_running.TryGetValue(jobId, out var cts))
        {
            cts.Cancel();
            return true;
        }

        return false;
    }

    /// <summary>Recovers before anything else can be queued, so interrupted jobs run first, then starts the workers.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogDebug("OpenCV {Version}", Shots.NativeLibraries.EnsureOpenCv());
        foreach (var (id, path) in recovery.Run())
        {
            Track(id);
            _recovered.Add(id);
            _channel.Writer.TryWrite((id, path));
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.MaxConcurrentJobs).Select(_ => WorkAsync(stoppingToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    /// <summary>The absolute form of <paramref name="path"/> (as typed when it is not a valid path: the job then fails saying so).</summary>
    private static string AbsolutePath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
        {
            return path;
        }
    }

    private TaskCompletionSource<JobRecord> Track(long id) =>
        _waiters.GetOrAdd(id, _ => new TaskCompletionSource<JobRecord>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, path) in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOneAsync(id, path, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: running jobs were cancelled and recorded as such
        }
    }

    private async Task RunOneAsync(long id, string path, CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[id] = cts;
        try
        {
            jobs.MarkRunning(id);
            var lastWrite = DateTime.MinValue;
            hub.Publish(new JobProgress(id, path, JobStatus.Running, 0, 0, null));
            var status = await Task.Run(
                () => pipeline.RunAsync(
                    id,
                    path,
                    (stage, done, total) =>
                    {
                        hub.Publish(new JobProgress(id, path, JobStatus.Running, done, total, null, stage));
                        if (DateTime.UtcNow - lastWrite >= ProgressWriteInterval)
                        {
                            lastWrite = DateTime.UtcNow;
                            jobs.UpdateProgress(id, done, total);
                        }
                    },
                    cts.Token),
                CancellationToken.None).ConfigureAwait(false);
            if (status == JobStatus.Cancelled && stoppingToken.IsCancellationRequested)
            {
                // Shut down, not cancelled by anyone: the job goes back to the queue for the next start.
                jobs.Requeue(id);
            }

            var record = jobs.Find(id)!;
            hub.Publish(new JobProgress(id, path, status, record.DoneSeconds, record.TotalSeconds ?? record.DoneSeconds, record.Error));
            Complete(id, record);
        }
        catch (Exception e)
        {
            // The pipeline records every input error itself; this is a bug or an environment failure. Keep the worker alive.
            logger.LogError(e, "ingest job {Id} for {Path} crashed", id, path);
            jobs.Finish(id, JobStatus.Failed, error: "internal error: " + e.Message);
            hub.Publish(new JobProgress(id, path, JobStatus.Failed, 0, 0, e.Message));
            Complete(id, jobs.Find(id)!);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private void Complete(long id, JobRecord record)
    {
        if (_waiters.TryRemove(id, out var tcs))
        {
            tcs.TrySetResult(record);
        }
    }
}
