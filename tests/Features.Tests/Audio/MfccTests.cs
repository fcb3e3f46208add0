using System.Diagnostics;
using Cbvr.Features.Audio;
using Xunit.Abstractions;

namespace Cbvr.Features.Tests.Audio;

public sealed class MfccTests(ITestOutputHelper output)
{
    private static readonly Mfcc Features = new();

    [Theory]
    [InlineData(300.0)]
    [InlineData(1000.0)]
    [InlineData(3500.0)]
    public void APureTonePutsItsEnergyInTheMelBandAroundItsFrequency(double hz)
    {
        var samples = Tone(hz, 16000);
        var (logMel, frames) = Features.LogMel(samples);
        var bands = Features.Filterbank.Count;
        var expected = Enumerable.Range(0, bands).MinBy(m => Math.Abs(Features.Filterbank.CentreHz(m) - hz));
        for (var f = 2; f < frames - 2; f += 10)
        {
            var row = logMel.AsSpan(f * bands, bands);
            var loudest = row.IndexOf(row.ToArray().Max());
            Assert.InRange(loudest, expected - 1, expected + 1);
            Assert.True(row[loudest] - row[(loudest + (bands / 2)) % bands] > 5, "the tone band stands out by e^5");
        }
    }

    [Fact]
    public void SilenceGivesFiniteFeaturesWithZeroDeltas()
    {
        var mfcc = Features.Compute(new float[16000]);
        Assert.Equal(Mfcc.FrameCount(16000), mfcc.Frames);
        Assert.Equal(98, mfcc.Frames);
        Assert.Equal(mfcc.Frames * Mfcc.FeatureSize, mfcc.Values.Length);
        Assert.All(mfcc.Values, v => Assert.True(float.IsFinite(v)));
        var floor = MathF.Log(Mfcc.LogFloor) * MathF.Sqrt(Features.Filterbank.Count);
        Assert.Equal(floor, mfcc.Frame(10)[0], 2);
        Assert.All(mfcc.Values.Where((_, i) => i % Mfcc.FeatureSize >= Mfcc.Coefficients), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void DeltasOfAStationarySignalAreAboutZero()
    {
        // 1 kHz repeats every 16 samples, so every 10 ms frame sees the same waveform.
        var mfcc = Features.Compute(Tone(1000, 16000));
        // Frame 0 sees a zero before the signal in its pre-emphasis, and the regressions reach 4 frames from it.
        for (var f = 5; f < mfcc.Frames - 5; f++)
        {
            var frame = mfcc.Frame(f);
            for (var k = Mfcc.Coefficients; k < Mfcc.FeatureSize; k++)
            {
                Assert.True(Math.Abs(frame[k]) < 1e-3, $"frame {f} value {k} = {frame[k]}");
            }
        }

        Assert.True(Math.Abs(mfcc.Frame(20)[1]) > 1, "the statics themselves are not zero");
    }

    [Fact]
    public void CoefficientsMatchADirectDftReference()
    {
        var random = new Random(7);
        var samples = new float[8000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((0.3 * Math.Sin(2 * Math.PI * 220 * i / 16000)) + (0.2 * Math.Sin(2 * Math.PI * 2900 * i / 16000)) + (0.05 * ((random.NextDouble() * 2) - 1)));
        }

        var mfcc = Features.Compute(samples);
        foreach (var frame in new[] { 0, 7, 20, 21, mfcc.Frames - 1 })
        {
            var expected = ReferenceCepstrum(samples, frame, Features.Filterbank.Count);
            var actual = mfcc.Frame(frame);
            for (var k = 0; k < Mfcc.Coefficients; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) < 2e-3 * Math.Max(1, Math.Abs(expected[k])), $"frame {frame} c{k}: {actual[k]} vs reference {expected[k]}");
            }
        }

        // Deltas: the +-2 regression of the statics, edges repeated.
        var f0 = 10;
        for (var k = 0; k < Mfcc.Coefficients; k++)
        {
            double C(int f) => mfcc.Frame(Math.Clamp(f, 0, mfcc.Frames - 1))[k];
            var delta = ((C(f0 + 1) - C(f0 - 1)) + (2 * (C(f0 + 2) - C(f0 - 2)))) / 10;
            Assert.Equal(delta, mfcc.Frame(f0)[Mfcc.Coefficients + k], 4);
        }
    }

    [Fact]
    public void FortyFiltersAreSupported()
    {
        var mfcc = new Mfcc(40).Compute(Tone(440, 4000));
        Assert.Equal(Mfcc.FrameCount(4000), mfcc.Frames);
        Assert.All(mfcc.Values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ThroughputIsReported()
    {
        var samples = Tone(440, 16000 * 60);
        Features.Compute(samples); // warm up the JIT and the pooled log-mel buffer
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var mfcc = Features.Compute(samples);
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine($"MFCC: {mfcc.Frames} frames in {watch.Elapsed.TotalMilliseconds:0} ms = {mfcc.Frames / watch.Elapsed.TotalSeconds:0} frames/s, {allocated / 1024} KiB allocated");
        Assert.True(allocated < (mfcc.Values.Length * 4) + (64 * 1024), $"{allocated} bytes allocated: more than the result and the per-call buffers");
        Assert.Equal(5998, mfcc.Frames);
    }

    private static float[] Tone(double hz, int length) =>
        [.. Enumerable.Range(0, length).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 16000)))];

    /// <summary>The MFCC recipe written out with an O(N^2) DFT in double precision, independent of the FFT path.</summary>
    private static double[] ReferenceCepstrum(float[] x, int frame, int filters)
    {
        const int n = 512;
        var start = frame * 160;
        var windowed = new double[n];
        for (var i = 0; i < 400; i++)
        {
            var previous = start + i > 0 ? x[start + i - 1] : 0.0;
            windowed[i] = (x[start + i] - (0.97 * previous)) * (0.54 - (0.46 * Math.Cos(2 * Math.PI * i / 399)));
        }

        var power = new double[(n / 2) + 1];
        for (var k = 0; k < power.Length; k++)
        {
            double re = 0, im = 0;
            for (var t = 0; t < n; t++)
            {
                re += windowed[t] * Math.Cos(2 * Math.PI * k * t / n);
                im -= windowed[t] * Math.Sin(2 * Math.PI * k * t / n);
            }

            power[k] = ((re * re) + (im * im)) / n;
        }

        static double Mel(double hz) => 2595 * Math.Log10(1 + (hz / 700));
        var lowMel = Mel(20);
        var highMel = Mel(8000);
        var edges = Enumerable.Range(0, filters + 2).Select(i => 700 * (Math.Pow(10, (lowMel + (i * (highMel - lowMel) / (filters + 1))) / 2595) - 1)).ToArray();
        var logMel = new double[filters];
        for (var m = 0; m < filters; m++)
        {
            var energy = 0.0;
            for (var k = 0; k < power.Length; k++)
            {
                var f = k * 16000.0 / n;
                var w = f > edges[m] && f <= edges[m + 1] ? (f - edges[m]) / (edges[m + 1] - edges[m])
                    : f > edges[m + 1] && f < edges[m + 2] ? (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]) : 0;
                energy += w * power[k];
            }

            logMel[m] = Math.Log(Math.Max(energy, 1e-10));
        }

        var cepstrum = new double[13];
        for (var k = 0; k < 13; k++)
        {
            var sum = 0.0;
            for (var m = 0; m < filters; m++)
            {
                sum += logMel[m] * Math.Cos(Math.PI * k * (m + 0.5) / filters);
            }

            cepstrum[k] = sum * Math.Sqrt((k == 0 ? 1.0 : 2.0) / filters);
        }

        return cepstrum;
    }
}
