using Cbvr.Detectors.Audio;
using Cbvr.Features.Audio;

namespace Cbvr.Detectors.Tests.Audio;

/// <summary>How long speech is cut into parts for parallel recognisers: no speech lost or doubled, cuts at quiet points.</summary>
public sealed class AsrSplitTests
{
    private static readonly TimeRange[] Regions = [new(0, 30), new(31, 60), new(62, 100)];

    [Fact]
    public void Split_KeepsEverySecondOfSpeechOnce_InPartsOfAboutEqualLength()
    {
        var groups = AsrDetector.Split(Regions, 2, null);

        Assert.Equal(2, groups.Count);
        Assert.Equal(Regions.Sum(r => r.Duration), groups.Sum(g => g.Sum(r => r.Duration)), 6);
        Assert.All(groups, g => Assert.InRange(g.Sum(r => r.Duration), 40, 57));
        Assert.True(groups[0][^1].End <= groups[1][0].Start, "parts overlap");
    }

    [Fact]
    public void Split_CutsAtTheQuietestWindowNearTheMiddle()
    {
        // Speech everywhere except a dip at 52 s: the cut goes there, not at the exact middle (49.5 s of track time).
        var probabilities = Enumerable.Repeat(0.9f, (int)(100 / SileroVad.WindowSeconds)).ToArray();
        probabilities[(int)(52 / SileroVad.WindowSeconds)] = 0.05f;

        var groups = AsrDetector.Split(Regions, 2, probabilities);

        Assert.InRange(groups[0][^1].End, 51.9, 52.1);
        Assert.InRange(groups[1][0].Start, 51.9, 52.1);
    }

    [Fact]
    public void Split_PrefersAGapBetweenRegionsWithinFiveSeconds()
    {
        TimeRange[] regions = [new(0, 48), new(50, 100)];

        var groups = AsrDetector.Split(regions, 2, null);

        Assert.Equal([new TimeRange(0, 48)], groups[0]);
        Assert.Equal([new TimeRange(50, 100)], groups[1]);
    }
}
