using System.Diagnostics;
using Cbvr.Detectors.Audio;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Cbvr.Detectors.Tests.Audio;

public sealed class AsrDetectorTests(ITestOutputHelper output)
{
    private static AsrDetector Create(AsrOptions? options = null) =>
        new(TestModels.Host, NullLogger<AsrDetector>.Instance, Options.Create(options ?? new AsrOptions()));

    [Fact]
    public async Task ReadSpeechIsRecognisedWithWordTimes()
    {
        // "had he married a more a amiable woman he might have been made still more respectable than he was"
        string[] content = ["married", "amiable", "woman", "might", "made", "still", "respectable"];
        var track = TestSpeech.Load(TestSpeech.LibriVoxClip("0920"));
        var watch = Stopwatch.StartNew();
        var result = await Create().DetectAsync(TestSpeech.Input(track, track.DurationSeconds), CancellationToken.None);
        watch.Stop();
        output.WriteLine($"{track.DurationSeconds:0.0} s in {watch.Elapsed.TotalSeconds:0.0} s: real-time factor {watch.Elapsed.TotalSeconds / track.DurationSeconds:0.00}");

        var texts = Assert.Single(result).Texts;
        output.WriteLine(string.Join(' ', texts.Select(t => t.Text)));
        var found = content.Count(w => texts.Any(t => t.Text == w));
        Assert.True(found >= content.Length / 2, $"{found} of {content.Length} content words: {string.Join(' ', texts.Select(t => t.Text))}");
        Assert.All(texts, t =>
        {
            Assert.Equal("asr", t.Source);
            Assert.InRange(t.StartSeconds, 0, t.EndSeconds);
            Assert.InRange(t.EndSeconds, t.StartSeconds, track.DurationSeconds);
            Assert.InRange(t.Confidence, 0f, 1f);
        });
        Assert.Equal(texts.OrderBy(t => t.StartSeconds), texts);
    }

    [Fact]
    public async Task TheElephantSentenceIsFoundInTheSpokenShotAtItsVideoTime()
    {
        var (track, start, end) = await TestSpeech.ElephantAsync();
        var input = TestSpeech.Input(track, track.DurationSeconds, 3, end);
        var watch = Stopwatch.StartNew();
        var result = await Create().DetectAsync(input, CancellationToken.None);
        var regionsTime = watch.Elapsed.TotalSeconds;

        var shot = Assert.Single(result);
        Assert.Equal(1, shot.Shot);
        var elephant = Assert.Single(shot.Texts, t => t.Text == "elephant");
        Assert.InRange(elephant.StartSeconds, start, end);
        Assert.Empty(shot.Concepts);
        Assert.Contains(shot.Texts, t => t.Text is "slowly" or "dusty" or "road");

        // The whole track (no VAD) finds the same word at about the same time.
        watch.Restart();
        var whole = await Create(new AsrOptions { SpeechRegionsOnly = false }).DetectAsync(input, CancellationToken.None);
        output.WriteLine($"{track.DurationSeconds:0.0} s track: speech regions only {regionsTime:0.00} s, whole track {watch.Elapsed.TotalSeconds:0.00} s");
        var again = Assert.Single(whole.SelectMany(r => r.Texts), t => t.Text == "elephant");
        Assert.Equal(elephant.StartSeconds, again.StartSeconds, 0.1);
    }

    [Fact]
    public async Task CancellingStopsTheRecogniser()
    {
        var track = TestSpeech.Load(TestSpeech.LibriVoxClip("0870"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var detector = Create(new AsrOptions { SpeechRegionsOnly = false });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => detector.DetectAsync(TestSpeech.Input(track, track.DurationSeconds), cancel.Token));
    }

    [Fact]
    public async Task NoAudioGivesNothing()
    {
        Assert.Empty(await Create().DetectAsync(TestSpeech.Input(null, 5, 2), CancellationToken.None));
    }

    [Fact]
    public async Task AMissingProgramOrModelDisablesItAndSaysWhichPackageToInstall()
    {
        var noProgram = Create(new AsrOptions { Program = "/nonexistent/pocketsphinx_continuous" });
        Assert.Contains("install the Debian package pocketsphinx", noProgram.DisabledReason, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => noProgram.DetectAsync(TestSpeech.Input(null, 1), CancellationToken.None));
        Assert.Contains("asr", error.Message, StringComparison.Ordinal);

        var noModel = Create(new AsrOptions { ModelDirectory = TestMedia.NewFolder() });
        Assert.Contains("install the Debian package pocketsphinx-en-us", noModel.DisabledReason, StringComparison.Ordinal);
        Assert.Null(Create().DisabledReason);
        Assert.Equal(12, Create().ModelHash.Length);
        Assert.Empty(Create().Concepts);
    }
}
