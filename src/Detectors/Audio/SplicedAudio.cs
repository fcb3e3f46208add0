using Cbvr.Features.Audio;

namespace Cbvr.Detectors.Audio;

/// <summary>
/// Regions of a track laid end to end (what the recogniser is given), and the map from a time in the spliced audio back
/// to the time in the track.
/// </summary>
internal sealed class SplicedAudio
{
    private readonly double[] _splicedStarts;
    private readonly TimeRange[] _regions;

    public SplicedAudio(float[] samples, int sampleRate, IReadOnlyList<TimeRange> regions)
    {
        var parts = new List<ReadOnlyMemory<float>>(regions.Count);
        var starts = new List<double>(regions.Count);
        var kept = new List<TimeRange>(regions.Count);
        var at = 0L;
        foreach (var region in regions)
        {
            var first = (int)Math.Clamp(Math.Round(region.Start * sampleRate), 0, samples.Length);
            var end = (int)Math.Clamp(Math.Round(region.End * sampleRate), first, samples.Length);
            if (end == first)
            {
                continue;
            }

            parts.Add(samples.AsMemory(first, end - first));
            starts.Add((double)at / sampleRate);
            kept.Add(new TimeRange((double)first / sampleRate, (double)end / sampleRate));
            at += end - first;
        }

        Parts = parts;
        _splicedStarts = [.. starts];
        _regions = [.. kept];
        Seconds = (double)at / sampleRate;
    }

    /// <summary>The pieces of the track, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> Parts { get; }

    /// <summary>Length of the spliced audio.</summary>
    public double Seconds { get; }

    /// <summary>The track time of spliced time <paramref name="seconds"/>, clamped to the region it falls in.</summary>
    public double ToTrack(double seconds)
    {
        if (_regions.Length == 0)
        {
            return seconds;
        }

        var index = Array.BinarySearch(_splicedStarts, seconds);
        index = index >= 0 ? index : Math.Max(0, ~index - 1);
        var region = _regions[index];
        return Math.Clamp(region.Start + (seconds - _splicedStarts[index]), region.Start, region.End);
    }
}
