using System.Diagnostics;
using System.Numerics.Tensors;
using Cbvr.Search.Ranking;
using Xunit.Abstractions;

namespace Cbvr.Search.Tests.Ranking;

public sealed class LinearEventModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_On100ExamplesAnd2000Background_SeparatesHeldOutGaussianClouds()
    {
        const int dimensions = 512;
        var random = new Random(11);
        var direction = Enumerable.Range(0, dimensions).Select(_ => (float)SyntheticEvent.Normal(random)).ToArray();
        TensorPrimitives.Divide(direction, TensorPrimitives.Norm(direction) / 6f, direction);
        float[] Row(bool positive)
        {
            var row = Enumerable.Range(0, dimensions).Select(k => (float)SyntheticEvent.Normal(random) + (positive ? direction[k] : 0)).ToArray();
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
            return row;
        }

        var positives = Enumerable.Range(0, 100).Select(_ => Row(true)).ToList();
        var negatives = Enumerable.Range(0, 2000).Select(_ => Row(false)).ToList();
        LinearEventModel.Train(positives.Take(5).ToList(), negatives.Take(50).ToList()); // warm-up (JIT), not timed
        var clock = Stopwatch.StartNew();
        var model = LinearEventModel.Train(positives, negatives);
        output.WriteLine($"Train 100 + 2000 x {dimensions}: {clock.Elapsed.TotalMilliseconds:F0} ms");

        var heldOut = Enumerable.Range(0, 2000).Select(i => (Row: Row(i < 50), Relevant: i < 50)).ToArray();
        clock.Restart();
        var scores = heldOut.Select(h => model.Score(h.Row)).ToArray();
        var ap = RankedList.AveragePrecision(scores, heldOut.Select(h => h.Relevant).ToArray());
        output.WriteLine($"held-out AP {ap:F3}; scoring {clock.Elapsed.TotalMilliseconds * 1000 / heldOut.Length:F2} µs per row");
        Assert.Equal(dimensions, model.Weights.Length);
        Assert.True(ap > 0.95, $"held-out AP {ap:F3}");
    }

    [Fact]
    public void ExampleSimilarity_IsTheBestCosineToAnyExample()
    {
        float[][] examples = [[1, 0, 0], [0, 2, 0]];
        Assert.Equal(1f, ExampleSimilarity.Score([0, 5, 0], examples), 6);
        Assert.Equal(MathF.Sqrt(0.5f), ExampleSimilarity.Score([1, 1, 0], examples), 6);
        Assert.Equal(0f, ExampleSimilarity.Score([0, 0, 0], examples));
        Assert.Equal(-1f, ExampleSimilarity.Score([-1, 0, 0], [[1, 0, 0]]), 6);
    }
}
