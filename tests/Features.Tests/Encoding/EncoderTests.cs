using Cbvr.Features.Encoding;

namespace Cbvr.Features.Tests.Encoding;

public sealed class EncoderTests
{
    // Two centres in 2-D: (0,0) and (10,0).
    private static readonly Codebook Two = new([0, 0, 10, 0], 2, [1, 1]);

    [Fact]
    public void Vlad_SumsResidualsPerCentre()
    {
        var vlad = new VladEncoder(Two, alpha: 1f).Encode([1, 2, -3, 1, 12, -1]);
        // Residuals: centre 0 gets (1,2)+(-3,1) = (-2,3); centre 1 gets (2,-1). Then L2 over all four values.
        var norm = MathF.Sqrt(4 + 9 + 4 + 1);
        Assert.Equal([-2 / norm, 3 / norm, 2 / norm, -1 / norm], vlad, new FloatComparer(1e-6f));
    }

    [Fact]
    public void Vlad_PowerNormalisationTakesTheSignedSquareRootThenL2()
    {
        var vlad = new VladEncoder(Two).Encode([1, 2, -3, 1, 12, -1]);
        float[] expected = [-MathF.Sqrt(2), MathF.Sqrt(3), MathF.Sqrt(2), -1];
        var norm = MathF.Sqrt(2 + 3 + 2 + 1);
        Assert.Equal(expected.Select(v => v / norm), vlad, new FloatComparer(1e-6f));
    }

    [Fact]
    public void Vlad_IntraNormalisationGivesEveryUsedCentreTheSameWeight()
    {
        var (data, _) = Blobs.Make(21, [100, 100, 100, 100], [[0, 0, 0], [5, 0, 0], [0, 5, 0], [0, 0, 5]], 1f);
        var codebook = KMeans.Fit(data, 3, new KMeansOptions { Clusters = 4, Seed = 1 }).Codebook;
        var vlad = new VladEncoder(codebook, intraNormalise: true, alpha: 1f).Encode(data.AsSpan(0, 60 * 3));
        Assert.Equal(12, vlad.Length);
        Assert.Equal(1f, Norm(vlad), 5);
        var blocks = Enumerable.Range(0, 4).Select(j => Norm(vlad.AsSpan(j * 3, 3))).Where(n => n > 0).ToList();
        Assert.All(blocks, n => Assert.Equal(1 / MathF.Sqrt(blocks.Count), n, 5));
    }

    [Fact]
    public void Encoders_WithoutDescriptors_GiveZeroVectorsOfTheirLength()
    {
        Assert.Equal(new float[4], new VladEncoder(Two).Encode([]));
        Assert.Equal(new float[2], new BowEncoder(Two).Encode([]));
    }

    [Fact]
    public void Bow_HardAssignmentCountsNearestCentres()
    {
        var bow = new BowEncoder(Two, alpha: 1f).Encode([1, 0, 2, 1, 3, 0, 9, 0]);
        Assert.Equal([3 / MathF.Sqrt(10), 1 / MathF.Sqrt(10)], bow, new FloatComparer(1e-6f));
        var rooted = new BowEncoder(Two).Encode([1, 0, 2, 1, 3, 0, 9, 0]);
        Assert.Equal([MathF.Sqrt(3) / 2, 1 / 2f], rooted, new FloatComparer(1e-6f));
    }

    [Fact]
    public void Bow_SoftAssignmentSplitsAnEquidistantDescriptorEvenly()
    {
        var bow = new BowEncoder(Two, softNeighbours: 2, alpha: 1f).Encode([5, 3]);
        Assert.Equal(bow[0], bow[1], 6);
        var near = new BowEncoder(Two, softNeighbours: 2, alpha: 1f).Encode([2, 0]);
        Assert.True(near[0] > near[1] && near[1] > 0);
        Assert.Equal(1f, Norm(near), 5);
    }

    private static float Norm(ReadOnlySpan<float> v) => System.Numerics.Tensors.TensorPrimitives.Norm(v);

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
