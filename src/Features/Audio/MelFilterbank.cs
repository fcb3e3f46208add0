namespace Cbvr.Features.Audio;

/// <summary>
/// Triangular filters on the HTK mel scale (<c>2595 log10(1 + f/700)</c>), edges equally spaced in mel between a low and a high
/// frequency, each triangle linear in Hz with a peak of 1, evaluated at the FFT bin frequencies. Built once, then only read.
/// </summary>
public sealed class MelFilterbank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;
    private readonly double[] _centres;

    public MelFilterbank(int filters, int fftSize, int sampleRate, double lowHz, double highHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(filters, 1);
        if (lowHz < 0 || highHz <= lowHz || highHz > sampleRate / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(highHz), $"mel filters need 0 <= low < high <= {sampleRate / 2} Hz, got {lowHz}-{highHz}");
        }

        Count = filters;
        Bins = (fftSize / 2) + 1;
        var lowMel = HzToMel(lowHz);
        var step = (HzToMel(highHz) - lowMel) / (filters + 1);
        var edges = Enumerable.Range(0, filters + 2).Select(i => MelToHz(lowMel + (i * step))).ToArray();
        _centres = edges[1..^1];
        _firstBin = new int[filters];
        _weights = new float[filters][];
        var binHz = (double)sampleRate / fftSize;
        for (var m = 0; m < filters; m++)
        {
            var (lower, centre, upper) = (edges[m], edges[m + 1], edges[m + 2]);
            var first = (int)Math.Floor(lower / binHz) + 1;
            var last = Math.Min(Bins - 1, (int)Math.Ceiling(upper / binHz) - 1);
            var weights = new float[Math.Max(0, last - first + 1)];
            for (var k = first; k <= last; k++)
            {
                var f = k * binHz;
                weights[k - first] = (float)(f <= centre ? (f - lower) / (centre - lower) : (upper - f) / (upper - centre));
            }

            if (!weights.Any(w => w > 0))
            {
                throw new ArgumentException($"mel filter {m} ({lower:0}-{upper:0} Hz) covers no FFT bin: use fewer filters or a longer FFT");
            }

            (_firstBin[m], _weights[m]) = (first, weights);
        }
    }

    /// <summary>Number of filters.</summary>
    public int Count { get; }

    /// <summary>Length of the power spectrum the filters apply to (FFT size / 2 + 1).</summary>
    public int Bins { get; }

    /// <summary>Centre frequency of filter <paramref name="band"/> in Hz.</summary>
    public double CentreHz(int band) => _centres[band];

    /// <summary>Filter energies: <paramref name="energies"/>[m] = sum over bins of weight * <paramref name="power"/>.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> energies)
    {
        for (var m = 0; m < _weights.Length; m++)
        {
            var weights = _weights[m];
            var bins = power.Slice(_firstBin[m], weights.Length);
            var sum = 0f;
            for (var i = 0; i < weights.Length; i++)
            {
                sum += weights[i] * bins[i];
            }

            energies[m] = sum;
        }
    }

    public static double HzToMel(double hz) => 2595 * Math.Log10(1 + (hz / 700));

    public static double MelToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
}
