using System.Threading.Channels;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Media;

/// <summary>
/// Makes the <see cref="PlaybackRendition"/> of each newly ingested video that browsers cannot play, one at a time, when no
/// ingest job is queued or running (so it never slows ingest down), within the rendition's global limit. Off with
/// <see cref="PlaybackOptions.WarmAfterIngest"/> = false. Registered by the server only, not by CLI verbs.
/// </summary>
public sealed class PlaybackWarmer(
    IngestProgressHub hub,
    JobStore jobs,
    VideoCatalog catalog,
    PlaybackRendition playback,
    IOptions<IngestOptions> options,
    ILogger<PlaybackWarmer> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private readonly Channel<long> _succeeded = Channel.CreateUnbounded<long>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Playback.WarmAfterIngest)
        {
            return;
        }

        hub.Changed += OnChanged;
        try
        {
            await foreach (var jobId in _succeeded.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                while (hub.Active.Count > 0)
                {
                    await Task.Delay(IdlePoll, stoppingToken).ConfigureAwait(false);
                }

                await WarmAsync(jobId, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: a running transcode is killed by the rendition service
        }
        finally
        {
            hub.Changed -= OnChanged;
        }
    }

    private void OnChanged(JobProgress progress)
    {
        if (progress.Status == JobStatus.Succeeded)
        {
            _succeeded.Writer.TryWrite(progress.JobId);
        }
    }

    private async Task WarmAsync(long jobId, CancellationToken stoppingToken)
    {
        if (jobs.Find(jobId)?.VideoId is not { } id || catalog.Find(id) is not { } video
            || !BrowserPlayability.NeedsRendition(video) || playback.Existing(id) is not null
            || catalog.Locations(id).FirstOrDefault(File.Exists) is not { } source)
        {
            return;
        }

        try
        {
            await playback.GetOrCreateAsync(video, source, stoppingToken).ConfigureAwait(false);
        }
        catch (PlaybackException e)
        {
            logger.LogWarning("warming the playable copy failed (a player's request will try again): {Cause}", e.Message);
        }
    }
}
