using Cbvr.Features.Audio;

namespace Cbvr.Features.Tests.Audio;

public sealed class SpeechSegmentsTests
{
    [Fact]
    public void HysteresisKeepsSpeechUntilTheProbabilityDropsBelowTheLowerThreshold()
    {
        float[] p = [0.1f, 0.6f, 0.4f, 0.36f, 0.3f, 0.45f, 0.51f];
        Assert.Equal([false, true, true, true, false, false, true], SpeechSegments.Mask(p));
        Assert.Equal(4.0 / 7, SpeechSegments.Ratio(SpeechSegments.Mask(p)), 6);
    }

    [Fact]
    public void FractionWeighsWindowsByOverlapAndIgnoresTimeWithoutAudio()
    {
        bool[] mask = [true, false, true, true]; // windows of 1 s, audio 0-4 s
        Assert.Equal(0.5, SpeechSegments.Fraction(mask, 1, 4, 0.5, 2.5)!.Value, 6);
        Assert.Equal(1.0, SpeechSegments.Fraction(mask, 1, 4, 2, 10)!.Value, 6);
        Assert.Null(SpeechSegments.Fraction(mask, 1, 4, 4, 6));
        Assert.Equal(1.0, SpeechSegments.Fraction(mask, 1, 3.5, 2, 10)!.Value, 6); // the last window is only half audio
    }

    [Fact]
    public void RegionsAreMergedAcrossShortGapsAndPadded()
    {
        // speech 1-2 s, 2.5-3 s (gap 0.5 < 1: merged), 6-7 s; windows of 0.5 s; audio 7.2 s.
        var mask = new bool[14];
        foreach (var i in new[] { 2, 3, 5, 12, 13 })
        {
            mask[i] = true;
        }

        var regions = SpeechSegments.Regions(mask, 0.5, 1.0, 0.3, 7.2);
        Assert.Equal([new TimeRange(0.7, 3.3), new TimeRange(5.7, 7.2)], regions.Select(r => new TimeRange(Math.Round(r.Start, 6), Math.Round(r.End, 6))));
        Assert.Empty(SpeechSegments.Regions(new bool[5], 0.5, 1, 0.3, 2.5));
    }
}
