using Cbvr.Detectors.Training;

namespace Cbvr.Detectors.Tests.Training;

public sealed class WeightedLogisticRegressionTests
{
    [Fact]
    public void AWeightOfTwo_EqualsTheRowTwice()
    {
        var (features, labels, _) = NoisyGaussians.Make(1, 120, 0.2);
        var rows = features.Select(f => f.Select(v => (double)v).ToArray()).ToList();
        var weights = Enumerable.Range(0, 120).Select(i => i < 30 ? 2.0 : 1.0).ToList();
        var weighted = WeightedLogisticRegression.Fit(rows, labels, weights, l2: 0);
        var duplicated = WeightedLogisticRegression.Fit(
            [.. rows, .. rows.Take(30)], [.. labels, .. labels.Take(30)], Enumerable.Repeat(1.0, 150).ToList(), l2: 0);
        Assert.Equal(duplicated, weighted, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void AWarmStart_ReachesTheSameOptimum()
    {
        var (features, labels, _) = NoisyGaussians.Make(2, 200, 0.1);
        var rows = features.Select(f => f.Select(v => (double)v).ToArray()).ToList();
        var ones = Enumerable.Repeat(1.0, 200).ToList();
        var cold = WeightedLogisticRegression.Fit(rows, labels, ones, 1e-2);
        var warm = WeightedLogisticRegression.Fit(rows, labels, ones, 1e-2, [3, -2, 1]);
        Assert.Equal(cold, warm, (a, b) => Math.Abs(a - b) < 1e-3);
        Assert.True(cold[0] > 0.5 && cold[1] > 0.5, "positives lie towards (2,2)");
    }
}
