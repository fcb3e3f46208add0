using System.Numerics.Tensors;

namespace Cbvr.Features.Encoding;

/// <summary>
/// A set of cluster centres (row-major, <see cref="Count"/> x <see cref="Dimensions"/>) with the number of
/// training points each one received; the vocabulary that BoW and VLAD encode against.
/// </summary>
public sealed class Codebook
{
    private readonly float[] _norms;

    public Codebook(float[] centres, int dimensions, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (centres.Length % dimensions != 0 || centres.Length / dimensions != sizes.Length)
        {
            throw new ArgumentException(
                $"centres hold {centres.Length} values, which is not {sizes.Length} centres of {dimensions} dimensions",
                nameof(centres));
        }

        Centres = centres;
        Dimensions = dimensions;
        Sizes = sizes;
        _norms = CentreDistances.SquaredNorms(centres, dimensions);
    }

    /// <summary>Centres, row-major: centre j is <c>Centres[j*Dimensions .. (j+1)*Dimensions)</c>.</summary>
    public float[] Centres { get; }

    public int Dimensions { get; }

    /// <summary>Points assigned to each centre when the codebook was trained.</summary>
    public int[] Sizes { get; }

    /// <summary>Number of centres.</summary>
    public int Count => Sizes.Length;

    public ReadOnlySpan<float> Centre(int j) => Centres.AsSpan(j * Dimensions, Dimensions);

    internal ReadOnlySpan<float> SquaredNorms => _norms;

    /// <summary>Squared Euclidean distances from <paramref name="x"/> to every centre (written to <paramref name="distances"/>).</summary>
    public void SquaredDistances(ReadOnlySpan<float> x, Span<float> distances)
    {
        if (x.Length != Dimensions)
        {
            throw new ArgumentException($"descriptor has {x.Length} dimensions, the codebook {Dimensions}", nameof(x));
        }

        CentreDistances.RowDistances(x, TensorPrimitives.Dot(x, x), Centres, _norms, distances);
    }
}
