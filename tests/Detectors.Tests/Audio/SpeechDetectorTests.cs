using Cbvr.Detectors.Audio;
using Cbvr.Features.Audio;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Cbvr.Detectors.Tests.Audio;

public sealed class SpeechDetectorTests(ITestOutputHelper output)
{
    private static readonly SpeechDetector Detector = new(TestModels.Host, NullLogger<SpeechDetector>.Instance);

    [Fact]
    public async Task TheSpokenShotScoresHighAndTheNoiseAndToneShotsLow()
    {
        var (track, start, end) = await TestSpeech.ElephantAsync();
        var result = await Detector.DetectAsync(TestSpeech.Input(track, track.DurationSeconds, start, end), CancellationToken.None);

        var scores = result.Select(r => Assert.Single(r.Concepts)).ToList();
        output.WriteLine(string.Join(", ", scores.Select(s => s.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal([0, 1, 2], result.Select(r => r.Shot));
        Assert.All(scores, s => Assert.Equal("speech:speech", s.Concept));
        Assert.True(scores[0].Score < 0.2, $"noise: {scores[0].Score}");
        Assert.True(scores[1].Score > 0.5, $"speech: {scores[1].Score}");
        Assert.True(scores[2].Score < 0.2, $"tone: {scores[2].Score}");
    }

    [Fact]
    public async Task WholeVideoSpeechRatioIsHighForReadSpeechAndLowForACockatoo()
    {
        var speech = TestSpeech.Load(TestSpeech.LibriVoxClip("0870"));
        Assert.True(Detector.SpeechRatio(speech) > 0.5);

        var clip = TestMedia.DemoClip("cockatoo.mp4");
        Assert.NotNull(clip);
        var wav = await TestMedia.CachedAsync("cockatoo-audio.wav", path => TestMedia.FfmpegAsync("-i", clip, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_f32le", "-f", "wav", path));
        var cockatoo = TestSpeech.Load(wav);
        var ratio = Detector.SpeechRatio(cockatoo);
        Assert.True(ratio < 0.2, $"cockatoo: {ratio:0.00}");

        // A shot past the end of the audio has no score; the one with audio has.
        var result = await Detector.DetectAsync(TestSpeech.Input(cockatoo, cockatoo.DurationSeconds + 5, cockatoo.DurationSeconds), CancellationToken.None);
        Assert.Equal(0, Assert.Single(result).Shot);
    }

    [Fact]
    public async Task NoAudioGivesNothing()
    {
        Assert.Empty(await Detector.DetectAsync(TestSpeech.Input(null, 5, 2), CancellationToken.None));
        Assert.Null(Detector.DisabledReason);
        Assert.Equal(TestModels.Model(SileroVad.ModelName).Hash, Detector.ModelHash);
        Assert.Equal("speech:speech", Assert.Single(Detector.Concepts).Id);
    }
}
