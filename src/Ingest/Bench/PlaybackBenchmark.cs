using System.Diagnostics;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Bench;

/// <summary>
/// Times the browser-playable copies (<see cref="PlaybackRendition"/>, the server's own code path) of the videos that
/// <see cref="BrowserPlayability"/> says need one, each made into a scratch data folder (the library is never touched) and
/// removed when measured. The floor, timed just before on the same file: plain ffmpeg decoding the streams the copy reads (the
/// first video stream and the first audio stream) to the null muxer, nothing scaled or encoded. Each source is read once before
/// either run, so both find it in the page cache.
/// </summary>
public sealed class PlaybackBenchmark(MediaProber prober, FfmpegTools tools, IOptions<IngestOptions> options, ILoggerFactory loggers)
{
    /// <summary>
    /// The library's videos with a readable source (their first location that exists); <paramref name="missing"/> counts
    /// those whose files are all gone.
    /// </summary>
    public static IReadOnlyList<PlaybackBenchInput> FromLibrary(VideoCatalog catalog, out int missing)
    {
        var inputs = new List<PlaybackBenchInput>();
        missing = 0;
        foreach (var video in catalog.List(sort: "name", ascending: true))
        {
            if (catalog.Locations(video.Id).Append(video.Path).FirstOrDefault(File.Exists) is { } source)
            {
                inputs.Add(new PlaybackBenchInput(video, source));
            }
            else
            {
                missing++;
            }
        }

        return inputs;
    }

    /// <summary>Probes <paramref name="files"/> with <see cref="MediaProber"/> and describes each as a catalogued video would be.</summary>
    public async Task<IReadOnlyList<PlaybackBenchInput>> FromFilesAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var inputs = new List<PlaybackBenchInput>();
        for (var i = 0; i < files.Count; i++)
        {
            var path = Path.GetFullPath(files[i]);
            var info = await prober.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
            var video = info.Video!;
            var id = "file-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            inputs.Add(new PlaybackBenchInput(
                new VideoRecord(
                    id, path, Path.GetFileName(path), new FileInfo(path).Length, info.Container, info.DurationSeconds ?? video.DurationSeconds ?? 0,
                    video.Width, video.Height, video.FramesPerSecond, video.Codec, info.Audio?.Codec, video.Rotation, info.Audio is not null,
                    0, 0, 0, DateTimeOffset.UtcNow, 0),
                path));
        }

        return inputs;
    }

    /// <summary>
    /// Measures every input that needs a copy, one after the other, calling <paramref name="onClip"/> after each; the others
    /// are counted as playable as they are. A copy that cannot be made is reported in <see cref="PlaybackBenchReport.Failed"/>.
    /// </summary>
    public async Task<PlaybackBenchReport> RunAsync(IReadOnlyList<PlaybackBenchInput> inputs, Action<PlaybackClipResult>? onClip, CancellationToken cancellationToken)
    {
        var clips = new List<PlaybackClipResult>();
        var failed = new List<PlaybackClipFailure>();
        var playable = new List<string>();
        var scratch = Directory.CreateTempSubdirectory("cbvr-bench-playback-");
        try
        {
            var data = new DataDirectory(scratch.FullName);
            using var rendition = new PlaybackRendition(tools, data, options, loggers.CreateLogger<PlaybackRendition>());
            foreach (var (video, source) in inputs)
            {
                if (!BrowserPlayability.NeedsRendition(video))
                {
                    playable.Add(video.FileName);
                    continue;
                }

                await ReadThroughAsync(source, cancellationToken).ConfigureAwait(false);
                Directory.CreateDirectory(data.VideoFolder(video.Id));
                double floor, seconds;
                string copy;
                try
                {
                    floor = await TimeFloorAsync(source, video.HasAudio, cancellationToken).ConfigureAwait(false);
                    var clock = Stopwatch.StartNew();
                    copy = await rendition.GetOrCreateAsync(video, source, cancellationToken).ConfigureAwait(false);
                    seconds = clock.Elapsed.TotalSeconds;
                }
                catch (Exception e) when (e is PlaybackException or IngestException)
                {
                    failed.Add(new PlaybackClipFailure(source, e.Message));
                    continue;
                }

                var outBytes = new FileInfo(copy).Length;
                Directory.Delete(data.VideoFolder(video.Id), recursive: true);
                var clip = new PlaybackClipResult(
                    source, video.FileName, video.Container, video.VideoCodec, video.HasAudio ? video.AudioCodec : null, video.Width, video.Height,
                    video.DurationSeconds, new FileInfo(source).Length, outBytes, seconds, floor);
                clips.Add(clip);
                onClip?.Invoke(clip);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return new PlaybackBenchReport(scratch.FullName, inputs.Count, clips, failed, playable, Environment.ProcessorCount);
    }

    private async Task<double> TimeFloorAsync(string source, bool withAudio, CancellationToken cancellationToken)
    {
        List<string> args = ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", FfmpegTools.InputUrl(source), "-map", "0:V:0"];
        if (withAudio)
        {
            args.AddRange(["-map", "0:a:0"]);
        }

        args.AddRange(["-f", "null", "-"]);
        var clock = Stopwatch.StartNew();
        var result = await ExternalProcess.RunAsync(tools.FfmpegPath, args, TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new IngestException($"ffmpeg floor run failed on {source}: {result.StandardError.LastOrDefault()}");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task ReadThroughAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
    }
}

/// <summary>A video to measure: its catalogue description (or a probed file's) and the file to read.</summary>
public sealed record PlaybackBenchInput(VideoRecord Video, string SourcePath);

/// <summary>One copy: the source, its size in and out, wall seconds of the copy and of the decode floor.</summary>
public sealed record PlaybackClipResult(
    string File, string Name, string Container, string VideoCodec, string? AudioCodec, int Width, int Height,
    double DurationSeconds, long BytesIn, long BytesOut, double TranscodeSeconds, double FloorSeconds)
{
    /// <summary>Seconds of video per wall second of the copy.</summary>
    public double RealTimeFactor => DurationSeconds / TranscodeSeconds;

    /// <summary>Seconds of video per wall second of plain decoding.</summary>
    public double FloorRealTimeFactor => DurationSeconds / FloorSeconds;

    /// <summary>Copy time over decode time: what scaling and encoding add.</summary>
    public double Ratio => TranscodeSeconds / FloorSeconds;
}

/// <summary>A copy ffmpeg could not make, with its cause.</summary>
public sealed record PlaybackClipFailure(string File, string Error);

/// <summary>The whole run: copies made, failures, the videos that play as they are, and totals.</summary>
public sealed record PlaybackBenchReport(
    string Scratch, int Videos, IReadOnlyList<PlaybackClipResult> Clips, IReadOnlyList<PlaybackClipFailure> Failed, IReadOnlyList<string> PlayableAsIs, int Cores)
{
    public double DurationSeconds => Clips.Sum(c => c.DurationSeconds);

    public double TranscodeSeconds => Clips.Sum(c => c.TranscodeSeconds);

    public double FloorSeconds => Clips.Sum(c => c.FloorSeconds);

    public long BytesIn => Clips.Sum(c => c.BytesIn);

    public long BytesOut => Clips.Sum(c => c.BytesOut);

    /// <summary>Seconds of video per wall second over all copies.</summary>
    public double RealTimeFactor => TranscodeSeconds > 0 ? DurationSeconds / TranscodeSeconds : 0;

    /// <summary>Total copy time over total decode time.</summary>
    public double Ratio => FloorSeconds > 0 ? TranscodeSeconds / FloorSeconds : 0;
}
