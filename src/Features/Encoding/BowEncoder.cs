namespace Cbvr.Features.Encoding;

/// <summary>
/// Bag of visual words: a histogram over the codebook's centres of a set of local descriptors (m x d, row-major),
/// then signed power normalisation and L2 normalisation. Hard assignment counts the nearest centre; soft assignment
/// spreads each descriptor over its <c>softNeighbours</c> nearest centres with weights
/// exp(-softness (d_j^2 - d_1^2) / mean_k d_k^2) summing to 1 (scale-free, so one setting fits any descriptor).
/// </summary>
public sealed class BowEncoder
{
    private readonly Codebook _codebook;
    private readonly int _neighbours;
    private readonly float _softness;
    private readonly float _alpha;

    /// <param name="codebook">The vocabulary.</param>
    /// <param name="softNeighbours">1 for hard assignment, k &gt; 1 for soft assignment over the k nearest centres.</param>
    /// <param name="softness">How fast the soft weights fall with distance.</param>
    /// <param name="alpha">Power-normalisation exponent (1 = none).</param>
    public BowEncoder(Codebook codebook, int softNeighbours = 1, float softness = 1f, float alpha = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(softNeighbours);
        _codebook = codebook;
        _neighbours = Math.Min(softNeighbours, codebook.Count);
        _softness = softness;
        _alpha = alpha;
    }

    /// <summary>Length of the encoding: one bin per centre.</summary>
    public int Length => _codebook.Count;

    /// <summary>Encodes m descriptors (m x d row-major); no descriptors give the zero vector.</summary>
    public float[] Encode(ReadOnlySpan<float> descriptors)
    {
        var d = _codebook.Dimensions;
        if (descriptors.Length % d != 0)
        {
            throw new ArgumentException($"{descriptors.Length} values are not descriptors of {d} dimensions", nameof(descriptors));
        }

        var histogram = new float[_codebook.Count];
        var distances = new float[_codebook.Count];
        Span<int> nearest = stackalloc int[_neighbours];
        Span<float> weights = stackalloc float[_neighbours];
        for (var offset = 0; offset < descriptors.Length; offset += d)
        {
            _codebook.SquaredDistances(descriptors.Slice(offset, d), distances);
            Nearest(distances, nearest);
            Weights(distances, nearest, weights);
            for (var k = 0; k < nearest.Length; k++)
            {
                histogram[nearest[k]] += weights[k];
            }
        }

        DescriptorNormalization.Power(histogram, _alpha);
        DescriptorNormalization.L2(histogram);
        return histogram;
    }

    /// <summary>The k smallest distances' indices in ascending order (ties: lower index first).</summary>
    private static void Nearest(ReadOnlySpan<float> distances, Span<int> nearest)
    {
        var filled = 0;
        for (var j = 0; j < distances.Length; j++)
        {
            if (filled == nearest.Length && distances[j] >= distances[nearest[filled - 1]])
            {
                continue;
            }

            var at = Math.Min(filled, nearest.Length - 1);
            while (at > 0 && distances[nearest[at - 1]] > distances[j])
            {
                nearest[at] = nearest[at - 1];
                at--;
            }

            nearest[at] = j;
            filled = Math.Min(filled + 1, nearest.Length);
        }
    }

    private void Weights(ReadOnlySpan<float> distances, ReadOnlySpan<int> nearest, Span<float> weights)
    {
        var scale = 0f;
        foreach (var j in nearest)
        {
            scale += distances[j];
        }

        scale = Math.Max(scale / nearest.Length, 1e-12f);
        var total = 0f;
        for (var k = 0; k < nearest.Length; k++)
        {
            weights[k] = MathF.Exp(-_softness * (distances[nearest[k]] - distances[nearest[0]]) / scale);
            total += weights[k];
        }

        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] /= total;
        }
    }
}
