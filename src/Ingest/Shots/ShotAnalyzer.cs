using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Shots;

/// <summary>
/// The decode + shots stage, the one implementation that ingest, contact sheets and the benchmark share: one ffmpeg run
/// streams sampled frames (and writes the audio), shots are detected, and each shot's keyframe goes to a sink as JPEG.
/// </summary>
public sealed class ShotAnalyzer(MediaProber prober, FrameDecoder decoder, IOptions<IngestOptions> options)
{
    /// <summary>Frames sampled per second of video.</summary>
    public double FramesPerSecond => options.Value.FramesPerSecond;

    /// <summary>Probes <paramref name="path"/> and analyses it, keeping the keyframes in memory (contact sheets of files not in the library).</summary>
    public async Task<(ShotAnalysis Analysis, IReadOnlyDictionary<int, byte[]> Keyframes)> AnalyzeAsync(string path, CancellationToken cancellationToken)
    {
        var info = await prober.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var keyframes = new SortedDictionary<int, byte[]>();
        var analysis = await AnalyzeAsync(path, info, null, (shot, jpeg) => keyframes[shot] = jpeg, null, null, cancellationToken).ConfigureAwait(false);
        return (analysis, keyframes);
    }

    /// <summary>
    /// Decodes an already probed video. Audio goes to <paramref name="audioPath"/> when given; each shot's keyframe JPEG goes
    /// to <paramref name="keyframeSink"/> as the shot closes; <paramref name="frames"/> sees every sampled frame first (it must
    /// not keep it); <paramref name="progress"/> gets (seconds done, seconds total).
    /// Throws <see cref="IngestException"/> when the video cannot be decoded, or has bitstream errors that are not tolerated.
    /// </summary>
    public async Task<ShotAnalysis> AnalyzeAsync(
        string path, MediaInfo info, string? audioPath, Action<int, byte[]> keyframeSink, Action<VideoFrame>? frames, Action<double, double>? progress, CancellationToken cancellationToken)
    {
        var opts = options.Value;
        var plan = DecodePlan.Create(path, info, opts, audioPath);
        var total = info.DurationSeconds ?? info.Video!.DurationSeconds ?? 0;
        var timeout = TimeSpan.FromSeconds(opts.DecodeTimeoutSeconds + (opts.DecodeTimeoutPerVideoSecond * Math.Min(total, opts.MaxDurationHours * 3600)));
        using var segmenter = new ShotSegmenter(opts.Shots, plan.FramesPerSecond, (shot, frame) => keyframeSink(shot, KeyframeEncoder.Encode(frame, opts.KeyframeJpegQuality)));
        await using var session = decoder.Start(plan, timeout, cancellationToken);
        await foreach (var frame in session.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            var time = frame.TimeSeconds;
            frames?.Invoke(frame);
            segmenter.Add(frame);
            progress?.Invoke(Math.Min(time, total), total);
        }

        DecodeResult result;
        try
        {
            result = await session.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new IngestException($"decoding stopped: {e.Message}", e);
        }

        var warnings = Check(result, plan, info, opts);
        var shots = segmenter.Finish(result.DecodedSeconds);
        progress?.Invoke(total, total);
        return new ShotAnalysis(info, plan, shots, result.FrameCount, result.DecodedSeconds, warnings);
    }

    /// <summary>Fails on video bitstream errors (unless tolerated), a failed exit or no frames; other errors become warnings.</summary>
    private static List<string> Check(DecodeResult result, DecodePlan plan, MediaInfo info, IngestOptions opts)
    {
        var errors = DecodeErrors.Classify(result.StderrLines, plan.VideoStreamIndex, info.Video!.Codec);
        if (errors.Video.Count > 0 && !opts.TolerateVideoDecodeErrors)
        {
            throw new IngestException($"corrupt or undecodable video data ({errors.Video.Count} error(s)): {errors.Video[0]}");
        }

        if (result.ExitCode != 0)
        {
            var cause = errors.Video.Concat(errors.Other).FirstOrDefault() ?? "unknown error";
            throw new IngestException($"ffmpeg failed to decode the file (exit {result.ExitCode}): {cause}");
        }

        if (result.FrameCount == 0)
        {
            throw new IngestException("no frame could be decoded from the video stream");
        }

        return [.. errors.Video.Take(3).Select(e => "video: " + e), .. errors.Other.Take(3).Select(e => "decode: " + e)];
    }
}

/// <summary>Shots of a video, how much was decoded, and the decode warnings.</summary>
public sealed record ShotAnalysis(MediaInfo Info, DecodePlan Plan, IReadOnlyList<DetectedShot> Shots, int FrameCount, double DecodedSeconds, IReadOnlyList<string> Warnings);
