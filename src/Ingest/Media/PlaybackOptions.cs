using System.ComponentModel.DataAnnotations;

namespace Cbvr.Ingest.Media;

/// <summary>
/// Browser-playable copies of videos browsers cannot play as they are (<c>Ingest:Playback</c>, see <see cref="PlaybackRendition"/>).
/// </summary>
public sealed class PlaybackOptions
{
    /// <summary>Transcodes running at once in this process, whoever asked (players, warm-up); more wait their turn.</summary>
    [Range(1, 16)]
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>Transcode time limit: this many seconds plus <see cref="TimeoutPerVideoSecond"/> per second of video.</summary>
    [Range(10, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    [Range(0.1, 100)]
    public double TimeoutPerVideoSecond { get; set; } = 4;

    /// <summary>A failed transcode is answered from memory for this long, then tried again on the next request.</summary>
    [Range(0, 86400)]
    public int RetryFailedAfterSeconds { get; set; } = 60;

    /// <summary>Make the copy in the background right after a video is ingested (server only), when no ingest job is running.</summary>
    public bool WarmAfterIngest { get; set; } = true;
}
