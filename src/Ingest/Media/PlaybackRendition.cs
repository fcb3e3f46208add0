using System.Diagnostics;
using Cbvr.Ingest.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Media;

/// <summary>
/// The browser-playable copy of a video (<c>DATA/videos/ID/playback.mp4</c>, see <see cref="PlaybackTranscode"/>), made once on
/// first demand. One transcode per video at a time: concurrent callers wait for the same task, and a caller that gives up
/// (its token) leaves the transcode running for the others. At most <see cref="PlaybackOptions.MaxConcurrent"/> transcodes run
/// at once. A failure is answered from memory for <see cref="PlaybackOptions.RetryFailedAfterSeconds"/>, then tried again.
/// The copy lives in the video's folder, so deleting the video removes it.
/// </summary>
public sealed class PlaybackRendition : IDisposable
{
    /// <summary>File name of the rendition in the video's folder.</summary>
    public const string FileName = "playback.mp4";

    private const string PartSuffix = ".part.mp4";

    private readonly FfmpegTools _tools;
    private readonly DataDirectory _data;
    private readonly PlaybackOptions _options;
    private readonly ILogger<PlaybackRendition> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private int _started;

    public PlaybackRendition(FfmpegTools tools, DataDirectory data, IOptions<IngestOptions> options, ILogger<PlaybackRendition> logger)
    {
        _tools = tools;
        _data = data;
        _options = options.Value.Playback;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Clamp(_options.MaxConcurrent, 1, 16));
    }

    /// <summary>Transcodes started by this process (each one ffmpeg run), for tests and metrics.</summary>
    public int TranscodesStarted => Volatile.Read(ref _started);

    /// <summary>Where the rendition of <paramref name="videoId"/> is (or will be).</summary>
    public string PathOf(string videoId) => Path.Combine(_data.VideoFolder(videoId), FileName);

    /// <summary>The rendition's path when it has been made, else null. Starts nothing.</summary>
    public string? Existing(string videoId) => PathOf(videoId) is var path && File.Exists(path) ? path : null;

    /// <summary>
    /// The rendition of <paramref name="video"/>, made from <paramref name="sourcePath"/> (one of its locations) when missing.
    /// <paramref name="cancellationToken"/> ends only this caller's wait. Throws <see cref="PlaybackException"/> with ffmpeg's
    /// cause when the copy cannot be made.
    /// </summary>
    public Task<string> GetOrCreateAsync(VideoRecord video, string sourcePath, CancellationToken cancellationToken)
    {
        var path = PathOf(video.Id);
        Task<string> task;
        lock (_flights)
        {
            if (File.Exists(path))
            {
                return Task.FromResult(path);
            }

            if (!_flights.TryGetValue(video.Id, out var flight) || flight.CanRetry(_options.RetryFailedAfterSeconds))
            {
                flight = new Flight();
                _flights[video.Id] = flight;
                flight.Task = Task.Run(() => RunAsync(video, sourcePath, path, flight), CancellationToken.None);
            }

            task = flight.Task!;
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops running transcodes (ffmpeg is killed) when the host shuts down.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task<string> RunAsync(VideoRecord video, string source, string target, Flight flight)
    {
        try
        {
            await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                await TranscodeAsync(video, source, target, _stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }

            lock (_flights)
            {
                _flights.Remove(video.Id);
            }

            return target;
        }
        catch (Exception)
        {
            flight.FailedAt = Stopwatch.GetTimestamp();
            throw;
        }
    }

    private async Task TranscodeAsync(VideoRecord video, string source, string target, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new PlaybackException($"cannot make a playable copy of video '{video.Id}': its data folder is gone (was it deleted?)");
        }

        foreach (var leftover in Directory.EnumerateFiles(folder, "playback.*" + PartSuffix))
        {
            TryDelete(leftover);
        }

        Interlocked.Increment(ref _started);
        var temp = Path.Combine(folder, $"playback.{Guid.NewGuid():N}{PartSuffix}");
        var timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds + (_options.TimeoutPerVideoSecond * Math.Max(0, video.DurationSeconds)));
        var clock = Stopwatch.StartNew();
        try
        {
            await using (var process = ExternalProcess.Start(_tools.FfmpegPath, PlaybackTranscode.Arguments(source, temp, video.HasAudio), timeout, redirectStdout: false, cancellationToken))
            {
                int exitCode;
                try
                {
                    exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException e)
                {
                    throw new PlaybackException($"cannot make a playable copy of video '{video.Id}': {e.Message}", e);
                }

                if (exitCode != 0)
                {
                    throw new PlaybackException($"cannot make a playable copy of video '{video.Id}' ({video.FileName}): ffmpeg exited with code {exitCode}: {Cause(process.StderrLines())}");
                }
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TryDelete(temp);
            _logger.LogWarning("{Message}", e.Message);
            throw e is PlaybackException ? e : new PlaybackException($"cannot make a playable copy of video '{video.Id}': {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temp);
            throw;
        }

        _logger.LogInformation(
            "made the playable copy of {Id} ({File}, {Container} {Codec}, {Duration:0.0} s) in {Elapsed} ms",
            video.Id, video.FileName, video.Container, video.VideoCodec, video.DurationSeconds, clock.ElapsedMilliseconds);
    }

    /// <summary>The last distinct lines ffmpeg wrote, without its context prefixes.</summary>
    private static string Cause(IReadOnlyList<string> stderr)
    {
        var lines = stderr.Where(l => !string.IsNullOrWhiteSpace(l)).Select(FfmpegMessages.StripContext).Distinct().TakeLast(3).ToList();
        return lines.Count == 0 ? "no error output" : string.Join("; ", lines);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a leftover part file is removed by the next attempt or with the video's folder
        }
    }

    /// <summary>One transcode in progress or failed.</summary>
    private sealed class Flight
    {
        public Task<string>? Task { get; set; }

        /// <summary>Stopwatch timestamp of the failure; 0 while running.</summary>
        public long FailedAt { get; set; }

        public bool CanRetry(int afterSeconds) => FailedAt != 0 && Stopwatch.GetElapsedTime(FailedAt).TotalSeconds >= afterSeconds;
    }
}
