using Cbvr.Ingest.Decode;
using Cbvr.Ingest.Media;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Shots;

/// <summary>The decode + shots stage on its own, in memory: no catalog, keyframes returned as JPEG bytes (contact sheets, benchmarks).</summary>
public sealed class ShotAnalyzer(MediaProber prober, FrameDecoder decoder, IOptions<IngestOptions> options)
{
    /// <summary>Probes and analyses <paramref name="path"/>.</summary>
    public async Task<ShotAnalysis> AnalyzeAsync(string path, CancellationToken cancellationToken)
    {
        var info = await prober.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        return await AnalyzeAsync(path, info, audioPath: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decodes with an already probed <paramref name="info"/>; audio goes to <paramref name="audioPath"/> when given.</summary>
    public async Task<ShotAnalysis> AnalyzeAsync(string path, MediaInfo info, string? audioPath, CancellationToken cancellationToken)
    {
        var opts = options.Value;
        var plan = DecodePlan.Create(path, info, opts, audioPath);
        var keyframes = new SortedDictionary<int, byte[]>();
        using var segmenter = new ShotSegmenter(opts.Shots, plan.FramesPerSecond, (shot, frame) => keyframes[shot] = KeyframeEncoder.Encode(frame, opts.KeyframeJpegQuality));
        var timeout = TimeSpan.FromSeconds(opts.DecodeTimeoutSeconds + (opts.DecodeTimeoutPerVideoSecond * (info.DurationSeconds ?? 0)));
        await using var session = decoder.Start(plan, timeout, cancellationToken);
        await foreach (var frame in session.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            segmenter.Add(frame);
        }

        var result = await session.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.FrameCount == 0)
        {
            throw new IngestException($"ffmpeg could not decode the video (exit {result.ExitCode}): {result.StderrLines.LastOrDefault() ?? "no frames"}");
        }

        var shots = segmenter.Finish(info.DurationSeconds ?? result.DecodedSeconds);
        return new ShotAnalysis(info, plan, shots, keyframes, result.FrameCount);
    }
}

/// <summary>Shots of a video with their keyframes as JPEG bytes, keyed by shot index.</summary>
public sealed record ShotAnalysis(MediaInfo Info, DecodePlan Plan, IReadOnlyList<DetectedShot> Shots, IReadOnlyDictionary<int, byte[]> Keyframes, int FrameCount);
