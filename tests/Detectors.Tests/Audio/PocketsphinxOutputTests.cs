using Cbvr.Detectors.Audio;
using Cbvr.Features.Audio;

namespace Cbvr.Detectors.Tests.Audio;

public sealed class PocketsphinxOutputTests
{
    // Captured from pocketsphinx_continuous -time yes on LibriVox clip 0880 (pocketsphinx 0.8+5prealpha, Debian).
    private const string Captured = """
        he was not an illness those young man
        <s> 0.000 0.060 0.999500
        <sil> 0.070 0.200 0.694306
        he 0.210 0.320 0.998701
        was(2) 0.330 0.540 0.999800
        not 0.550 0.970 0.998701
        [SPEECH] 0.980 1.100 0.535598
        an(2) 1.110 1.290 0.472940
        ++GARBAGE++ 1.290 1.300 0.5
        illness 1.300 1.680 1.000200
        </s> 2.800 2.970 1.000000

        """;

    [Fact]
    public void WordsKeepTheirTimesAndPosteriorsAndFillersAreDropped()
    {
        var words = PocketsphinxOutput.Parse(Captured);
        Assert.Equal(["he", "was", "not", "an", "illness"], words.Select(w => w.Word));
        Assert.Equal(new RecognizedWord("was", 0.33, 0.54, 0.9998f), words[1]);
        Assert.Equal(1f, words[4].Confidence); // posteriors slightly above 1 are clamped
    }

    [Fact]
    public void EmptyOrHypothesisOnlyOutputHasNoWords()
    {
        Assert.Empty(PocketsphinxOutput.Parse(""));
        Assert.Empty(PocketsphinxOutput.Parse("one two three four\n"));
    }

    [Fact]
    public void SplicedTimesMapBackToTheTrack()
    {
        var samples = new float[16000 * 10];
        var spliced = new SplicedAudio(samples, 16000, [new TimeRange(1, 2), new TimeRange(5, 7.5)]);
        Assert.Equal(3.5, spliced.Seconds, 6);
        Assert.Equal([16000, 40000], spliced.Parts.Select(p => p.Length));
        Assert.Equal(1.5, spliced.ToTrack(0.5), 6);
        Assert.Equal(5.0, spliced.ToTrack(1.0), 6);
        Assert.Equal(6.5, spliced.ToTrack(2.5), 6);
        Assert.Equal(7.5, spliced.ToTrack(9), 6); // past the end: clamped to the last region
    }

    [Fact]
    public void WordsGoToTheShotHoldingTheirMiddle()
    {
        var input = TestSpeech.Input(null, 10, 4, 6);
        RecognizedWord[] words = [new("a", 3.5, 4.1, 1), new("b", 3.9, 4.5, 0.5f), new("c", 10.0, 10.4, 1)];
        var result = AsrDetector.Assign(words, input.Shots);
        Assert.Equal([0, 1, 2], result.Select(r => r.Shot));
        Assert.Equal("a", Assert.Single(result[0].Texts).Text);
        Assert.Equal(new TextSpan("asr", 3.9, 4.5, "b", 0.5f), Assert.Single(result[1].Texts));
        Assert.Equal("c", Assert.Single(result[2].Texts).Text);
    }
}
