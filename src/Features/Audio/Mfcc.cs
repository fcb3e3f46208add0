using System.Buffers;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Cbvr.Features.Audio;

/// <summary>MFCC features of a signal: <see cref="Frames"/> rows of <see cref="Mfcc.FeatureSize"/> values, row-major.</summary>
public sealed record MfccFeatures(float[] Values, int Frames)
{
    /// <summary>The 39 values of frame <paramref name="frame"/>: 13 cepstra, 13 deltas, 13 delta-deltas.</summary>
    public ReadOnlySpan<float> Frame(int frame) => Values.AsSpan(frame * Mfcc.FeatureSize, Mfcc.FeatureSize);
}

/// <summary>
/// Mel-frequency cepstral coefficients, the classic 39-value speech front end: pre-emphasis 0.97, 25 ms Hamming frames every
/// 10 ms (frames that do not fit whole at the end are dropped), 512-point FFT power spectrum divided by the FFT size, mel
/// filters from 20 to 8000 Hz, natural log floored at 1e-10, orthonormal DCT-II keeping coefficients 0-12 (c0, the scaled
/// mean log mel energy, stands in for frame energy; no liftering), then deltas and delta-deltas by linear regression over
/// +-2 frames (edge frames repeated). Window, filters and DCT are built once per instance; a call allocates its buffers
/// once, not per frame, so one instance may be used from several threads.
/// </summary>
public sealed class Mfcc
{
    public const int SampleRate = 16000;
    public const int FrameLength = 400;
    public const int Hop = 160;
    public const int FftSize = 512;
    public const int Coefficients = 13;
    public const int FeatureSize = 3 * Coefficients;
    public const float PreEmphasis = 0.97f;
    public const float LogFloor = 1e-10f;
    private const int DeltaSpan = 2;

    private readonly float[] _window = new float[FrameLength];
    private readonly float[] _dct;

    /// <param name="melFilters">Number of mel filters, 26 (HTK, the default) or 40.</param>
    public Mfcc(int melFilters = 26)
    {
        Filterbank = new MelFilterbank(melFilters, FftSize, SampleRate, 20, 8000);
        for (var n = 0; n < FrameLength; n++)
        {
            _window[n] = (float)(0.54 - (0.46 * Math.Cos(2 * Math.PI * n / (FrameLength - 1))));
        }

        _dct = new float[Coefficients * melFilters];
        for (var k = 0; k < Coefficients; k++)
        {
            var scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / melFilters);
            for (var m = 0; m < melFilters; m++)
            {
                _dct[(k * melFilters) + m] = (float)(scale * Math.Cos(Math.PI * k * (m + 0.5) / melFilters));
            }
        }
    }

    /// <summary>The mel filters in use.</summary>
    public MelFilterbank Filterbank { get; }

    /// <summary>Number of whole frames in <paramref name="samples"/> samples.</summary>
    public static int FrameCount(int samples) => samples < FrameLength ? 0 : 1 + ((samples - FrameLength) / Hop);

    /// <summary>MFCCs with deltas and delta-deltas of 16 kHz mono <paramref name="samples"/>.</summary>
    public MfccFeatures Compute(ReadOnlySpan<float> samples)
    {
        var frames = FrameCount(samples.Length);
        var bands = Filterbank.Count;
        var logMel = ArrayPool<float>.Shared.Rent(Math.Max(1, frames * bands));
        try
        {
            LogMelInto(samples, frames, logMel);
            var values = new float[frames * FeatureSize];
            for (var f = 0; f < frames; f++)
            {
                var row = logMel.AsSpan(f * bands, bands);
                var output = values.AsSpan(f * FeatureSize, Coefficients);
                for (var k = 0; k < Coefficients; k++)
                {
                    var basis = _dct.AsSpan(k * bands, bands);
                    var sum = 0f;
                    for (var m = 0; m < bands; m++)
                    {
                        sum += basis[m] * row[m];
                    }

                    output[k] = sum;
                }
            }

            Regress(values, frames, source: 0, target: Coefficients);
            Regress(values, frames, source: Coefficients, target: 2 * Coefficients);
            return new MfccFeatures(values, frames);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(logMel);
        }
    }

    /// <summary>Log mel filter energies, <c>frames x Filterbank.Count</c> row-major (the step before the DCT).</summary>
    public (float[] Values, int Frames) LogMel(ReadOnlySpan<float> samples)
    {
        var frames = FrameCount(samples.Length);
        var values = new float[frames * Filterbank.Count];
        LogMelInto(samples, frames, values);
        return (values, frames);
    }

    private void LogMelInto(ReadOnlySpan<float> samples, int frames, float[] destination)
    {
        var bands = Filterbank.Count;
        var bins = Filterbank.Bins;
        var spectrum = new Complex32[FftSize];
        var power = new float[2 * bins];
        // Two real frames per complex FFT: frame f in the real part, frame f+1 in the imaginary part, split by symmetry.
        for (var f = 0; f < frames; f += 2)
        {
            var pair = f + 1 < frames;
            Array.Clear(spectrum);
            Fill(samples, f, spectrum, imaginary: false);
            if (pair)
            {
                Fill(samples, f + 1, spectrum, imaginary: true);
            }

            Fourier.Forward(spectrum, FourierOptions.NoScaling);
            SplitPower(spectrum, power.AsSpan(0, bins), power.AsSpan(bins, bins));
            ToLogMel(power.AsSpan(0, bins), destination.AsSpan(f * bands, bands));
            if (pair)
            {
                ToLogMel(power.AsSpan(bins, bins), destination.AsSpan((f + 1) * bands, bands));
            }
        }
    }

    private void Fill(ReadOnlySpan<float> samples, int frame, Complex32[] spectrum, bool imaginary)
    {
        var start = frame * Hop;
        var previous = start > 0 ? samples[start - 1] : 0f;
        var x = samples.Slice(start, FrameLength);
        for (var n = 0; n < FrameLength; n++)
        {
            var value = (x[n] - (PreEmphasis * previous)) * _window[n];
            previous = x[n];
            spectrum[n] = imaginary ? new Complex32(spectrum[n].Real, value) : new Complex32(value, 0);
        }
    }

    /// <summary>Power spectra |A|^2/N and |B|^2/N of the real frames a, b whose FFT of a + ib is <paramref name="z"/>.</summary>
    private static void SplitPower(Complex32[] z, Span<float> a, Span<float> b)
    {
        const float scale = 1f / (4f * FftSize);
        for (var k = 0; k < a.Length; k++)
        {
            var zk = z[k];
            var zm = z[(FftSize - k) % FftSize];
            float sumRe = zk.Real + zm.Real, sumIm = zk.Imaginary - zm.Imaginary;
            float difRe = zk.Real - zm.Real, difIm = zk.Imaginary + zm.Imaginary;
            a[k] = ((sumRe * sumRe) + (sumIm * sumIm)) * scale;
            b[k] = ((difRe * difRe) + (difIm * difIm)) * scale;
        }
    }

    private void ToLogMel(ReadOnlySpan<float> power, Span<float> row)
    {
        Filterbank.Apply(power, row);
        for (var m = 0; m < row.Length; m++)
        {
            row[m] = MathF.Log(MathF.Max(row[m], LogFloor));
        }
    }

    /// <summary>Columns <paramref name="target"/>.. = regression slope over +-2 frames of columns <paramref name="source"/>...</summary>
    private static void Regress(float[] values, int frames, int source, int target)
    {
        var denominator = 0f;
        for (var n = 1; n <= DeltaSpan; n++)
        {
            denominator += 2 * n * n;
        }

        for (var f = 0; f < frames; f++)
        {
            var output = values.AsSpan((f * FeatureSize) + target, Coefficients);
            output.Clear();
            for (var n = 1; n <= DeltaSpan; n++)
            {
                var next = values.AsSpan((Math.Min(f + n, frames - 1) * FeatureSize) + source, Coefficients);
                var prev = values.AsSpan((Math.Max(f - n, 0) * FeatureSize) + source, Coefficients);
                for (var k = 0; k < Coefficients; k++)
                {
                    output[k] += n * (next[k] - prev[k]) / denominator;
                }
            }
        }
    }
}
