namespace Cbvr.Features.Encoding;

/// <summary>
/// VLAD: for each centre, the sum of the residuals x - m_j of the descriptors whose nearest centre is j (c*d values,
/// centre-major). Then optional intra-normalisation (each centre's block to unit L2, which stops bursty descriptors
/// dominating), signed power normalisation and a final L2 normalisation.
/// </summary>
public sealed class VladEncoder
{
    private readonly Codebook _codebook;
    private readonly bool _intraNormalise;
    private readonly float _alpha;

    /// <param name="codebook">The vocabulary.</param>
    /// <param name="intraNormalise">L2-normalise each centre's block before the power and global normalisations.</param>
    /// <param name="alpha">Power-normalisation exponent (1 = none).</param>
    public VladEncoder(Codebook codebook, bool intraNormalise = false, float alpha = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        _codebook = codebook;
        _intraNormalise = intraNormalise;
        _alpha = alpha;
    }

    /// <summary>Length of the encoding: c x d.</summary>
    public int Length => _codebook.Count * _codebook.Dimensions;

    /// <summary>Encodes m descriptors (m x d row-major); no descriptors give the zero vector.</summary>
    public float[] Encode(ReadOnlySpan<float> descriptors)
    {
        var d = _codebook.Dimensions;
        if (descriptors.Length % d != 0)
        {
            throw new ArgumentException($"{descriptors.Length} values are not descriptors of {d} dimensions", nameof(descriptors));
        }

        var vlad = new float[Length];
        var distances = new float[_codebook.Count];
        for (var offset = 0; offset < descriptors.Length; offset += d)
        {
            var x = descriptors.Slice(offset, d);
            _codebook.SquaredDistances(x, distances);
            var j = CentreDistances.ArgMin(distances, -1);
            var block = vlad.AsSpan(j * d, d);
            var centre = _codebook.Centre(j);
            for (var k = 0; k < d; k++)
            {
                block[k] += x[k] - centre[k];
            }
        }

        if (_intraNormalise)
        {
            for (var j = 0; j < _codebook.Count; j++)
            {
                DescriptorNormalization.L2(vlad.AsSpan(j * d, d));
            }
        }

        DescriptorNormalization.Power(vlad, _alpha);
        DescriptorNormalization.L2(vlad);
        return vlad;
    }
}
