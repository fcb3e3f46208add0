using System.Numerics.Tensors;
using Cbvr.Search.Vectors;

namespace Cbvr.Search.Tests.Vectors;

public sealed class SyntheticDataTests
{
    [Fact]
    public void ClusteredRowsAreUnitLengthDeterministicAndClustered()
    {
        const int dimensions = 64;
        var data = VectorBenchmark.SyntheticClustered(2000, dimensions, clusters: 10, seed: 3);
        Assert.Equal(data, VectorBenchmark.SyntheticClustered(2000, dimensions, clusters: 10, seed: 3));
        Assert.NotEqual(data, VectorBenchmark.SyntheticClustered(2000, dimensions, clusters: 10, seed: 4));
        var row = (int i) => data.AsSpan(i * dimensions, dimensions);
        for (var i = 0; i < 2000; i++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(row(i)), 1e-5);
        }
        // With 10 clusters, each row's nearest other row is far closer than a typical pair.
        var nearest = Enumerable.Range(1, 1999).Max(j => TensorPrimitives.Dot(row(0), row(j)));
        var typical = Enumerable.Range(1, 1999).Average(j => TensorPrimitives.Dot(row(0), row(j)));
        Assert.True(nearest > 0.5 && nearest > typical + 0.3, $"nearest {nearest}, typical {typical}");
    }

    [Fact]
    public void RecallCountsSharedTopKKeys()
    {
        (int, float)[] exact = [(1, 0.9f), (2, 0.8f), (3, 0.7f), (4, 0.6f)];
        (int, float)[] approx = [(2, 0.8f), (5, 0.75f), (1, 0.9f), (4, 0.6f)];
        Assert.Equal(2 / 3.0, VectorBenchmark.Recall(exact, approx, 3), 1e-9);
        Assert.Equal(0.75, VectorBenchmark.Recall(exact, approx, 4), 1e-9);
    }

    [Fact]
    public void MemoryReadFloorIsPositive()
    {
        using var index = new VectorIndex(32);
        var data = VectorBenchmark.SyntheticClustered(5000, 32, clusters: 4, seed: 1);
        for (var i = 0; i < 5000; i++)
        {
            index.Upsert(i, data.AsSpan(i * 32, 32));
        }
        Assert.True(VectorBenchmark.MemoryReadBytesPerSecond(index, threads: 2) > 0);
    }
}
