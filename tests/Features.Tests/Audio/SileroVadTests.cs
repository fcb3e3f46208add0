using System.Diagnostics;
using Cbvr.Features.Audio;
using Cbvr.Tests;
using Xunit.Abstractions;

namespace Cbvr.Features.Tests.Audio;

public sealed class SileroVadTests(ITestOutputHelper output)
{
    private static readonly Lazy<SileroVad> Vad = new(() => new SileroVad(TestModels.Host));

    [Fact]
    public void TheModelHasTheExpectedInputsAndOutputs()
    {
        var model = TestModels.Host.Load(TestModels.Model(SileroVad.ModelName));
        Assert.Equal(["input", "state", "sr"], model.InputNames);
        Assert.Equal(["output", "stateN"], model.OutputNames);
        Assert.Equal(TestModels.Model(SileroVad.ModelName).Hash, Vad.Value.ModelHash);
    }

    [Theory]
    [InlineData("0870")]
    [InlineData("0920")]
    public async Task ReadSpeechIsMostlySpeech(string id)
    {
        var samples = await TestAudio.SamplesAsync(Task.FromResult(TestAudio.LibriVoxClip(id)));
        var watch = Stopwatch.StartNew();
        var probabilities = Vad.Value.Probabilities(samples);
        watch.Stop();
        Assert.Equal(SileroVad.WindowCount(samples.Length), probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        var ratio = SpeechSegments.Ratio(SpeechSegments.Mask(probabilities));
        output.WriteLine($"speech ratio {ratio:0.00}; {samples.Length / 16000.0:0.0} s of audio in {watch.Elapsed.TotalMilliseconds:0} ms: real-time factor {watch.Elapsed.TotalSeconds / (samples.Length / 16000.0):0.0000}");
        Assert.True(ratio > 0.5, $"speech ratio {ratio:0.00}");
    }

    [Fact]
    public async Task ACockatooIsNotSpeech()
    {
        var clip = TestMedia.DemoClip("cockatoo.mp4");
        Assert.NotNull(clip);
        var samples = await TestAudio.SamplesAsync(TestAudio.ExtractAsync(clip, "cockatoo"));
        var ratio = SpeechSegments.Ratio(SpeechSegments.Mask(Vad.Value.Probabilities(samples)));
        output.WriteLine($"cockatoo speech ratio {ratio:0.00}");
        Assert.True(ratio < 0.2, $"speech ratio {ratio:0.00}");
    }

    [Theory]
    [InlineData("sine=frequency=440:sample_rate=16000", "sine440")]
    [InlineData("anoisesrc=color=pink:amplitude=0.3:seed=3:sample_rate=16000", "pinknoise")]
    [InlineData("anullsrc=sample_rate=16000", "silence")]
    public async Task TonesNoiseAndSilenceAreNotSpeech(string source, string name)
    {
        var samples = await TestAudio.SamplesAsync(TestAudio.GenerateAsync(source, 5, name));
        var ratio = SpeechSegments.Ratio(SpeechSegments.Mask(Vad.Value.Probabilities(samples)));
        Assert.True(ratio < 0.2, $"{name}: speech ratio {ratio:0.00}");
    }

    [Fact]
    public async Task ResultsAreDeterministicAndStateIsNotShared()
    {
        var speech = await TestAudio.SamplesAsync(Task.FromResult(TestAudio.LibriVoxClip("0880")));
        var first = Vad.Value.Probabilities(speech);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Vad.Value.Probabilities(speech))));
        Assert.All(parallel, p => Assert.Equal(first, p));
        Assert.Empty(Vad.Value.Probabilities([]));
        Assert.Single(Vad.Value.Probabilities(new float[100]));
    }
}
