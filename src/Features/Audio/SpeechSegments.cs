namespace Cbvr.Features.Audio;

/// <summary>A span of time in seconds.</summary>
public readonly record struct TimeRange(double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>
/// Turns per-window VAD probabilities into speech decisions: a window mask with hysteresis (speech starts above
/// <c>on</c> and continues until the probability drops below <c>off</c>, as Silero's own post-processing does), and time regions.
/// </summary>
public static class SpeechSegments
{
    public const float DefaultOn = 0.5f;
    public const float DefaultOff = 0.35f;

    /// <summary>Speech flag per window.</summary>
    public static bool[] Mask(ReadOnlySpan<float> probabilities, float on = DefaultOn, float off = DefaultOff)
    {
        var mask = new bool[probabilities.Length];
        var speaking = false;
        for (var i = 0; i < probabilities.Length; i++)
        {
            speaking = speaking ? probabilities[i] >= off : probabilities[i] > on;
            mask[i] = speaking;
        }

        return mask;
    }

    /// <summary>Fraction of windows flagged as speech (0 for none).</summary>
    public static double Ratio(ReadOnlySpan<bool> mask)
    {
        var count = 0;
        foreach (var speech in mask)
        {
            count += speech ? 1 : 0;
        }

        return mask.Length == 0 ? 0 : (double)count / mask.Length;
    }

    /// <summary>
    /// Fraction of [<paramref name="start"/>, <paramref name="end"/>) covered by speech windows of <paramref name="windowSeconds"/>,
    /// over the part of the span that has audio (the first <paramref name="audioSeconds"/>); null when no part has.
    /// </summary>
    public static double? Fraction(ReadOnlySpan<bool> mask, double windowSeconds, double audioSeconds, double start, double end)
    {
        var audioEnd = Math.Min(end, Math.Min(audioSeconds, mask.Length * windowSeconds));
        start = Math.Max(0, start);
        if (audioEnd <= start)
        {
            return null;
        }

        var speech = 0.0;
        var first = (int)(start / windowSeconds);
        var last = Math.Min(mask.Length - 1, (int)(audioEnd / windowSeconds));
        for (var w = first; w <= last; w++)
        {
            if (mask[w])
            {
                speech += Math.Max(0, Math.Min(audioEnd, (w + 1) * windowSeconds) - Math.Max(start, w * windowSeconds));
            }
        }

        return Math.Clamp(speech / (audioEnd - start), 0, 1);
    }

    /// <summary>
    /// Speech regions: runs of speech windows, joined when the gap between them is under <paramref name="mergeGap"/> seconds,
    /// then widened by <paramref name="pad"/> seconds on each side (clipped to [0, <paramref name="duration"/>], overlaps joined).
    /// </summary>
    public static IReadOnlyList<TimeRange> Regions(ReadOnlySpan<bool> mask, double windowSeconds, double mergeGap, double pad, double duration)
    {
        var runs = new List<TimeRange>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (!mask[i])
            {
                continue;
            }

            var from = i;
            while (i + 1 < mask.Length && mask[i + 1])
            {
                i++;
            }

            var run = new TimeRange(from * windowSeconds, (i + 1) * windowSeconds);
            if (runs.Count > 0 && run.Start - runs[^1].End < mergeGap)
            {
                runs[^1] = runs[^1] with { End = run.End };
            }
            else
            {
                runs.Add(run);
            }
        }

        var regions = new List<TimeRange>(runs.Count);
        foreach (var run in runs)
        {
            var padded = new TimeRange(Math.Max(0, run.Start - pad), Math.Min(duration, run.End + pad));
            if (padded.End <= padded.Start)
            {
                continue;
            }

            if (regions.Count > 0 && padded.Start <= regions[^1].End)
            {
                regions[^1] = regions[^1] with { End = Math.Max(regions[^1].End, padded.End) };
            }
            else
            {
                regions.Add(padded);
            }
        }

        return regions;
    }
}
