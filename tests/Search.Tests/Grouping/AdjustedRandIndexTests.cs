using Cbvr.Search.Grouping;

namespace Cbvr.Search.Tests.Grouping;

public sealed class AdjustedRandIndexTests
{
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 7, 7, -2, -2 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 2 }, 0.5714285714285714)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }, -0.5)]
    [InlineData(new[] { 0, 0, 0, 1, 1, 1 }, new[] { 0, 0, 1, 1, 2, 2 }, 0.24242424242424243)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 0, 0, 0 }, 1.0)]
    public void Compute_GivesTheKnownValues(int[] a, int[] b, double expected)
        => Assert.Equal(expected, AdjustedRandIndex.Compute(a, b), 12);

    [Fact]
    public void Compute_IsSymmetric()
    {
        int[] a = [0, 1, 1, 2, 2, 2, 0, 1];
        int[] b = [1, 1, 0, 0, 2, 2, 2, 1];
        Assert.Equal(AdjustedRandIndex.Compute(a, b), AdjustedRandIndex.Compute(b, a), 12);
    }

    [Fact]
    public void Compute_DifferentLengths_Throws()
        => Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute([0, 1], [0]));
}
