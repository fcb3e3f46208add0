using Cbvr.Detectors.Training;

namespace Cbvr.Detectors.Tests.Training;

public sealed class CrossValidationTests
{
    [Fact]
    public void AveragePrecision_IsTheMeanPrecisionAtEachPositive()
    {
        // Ranked: + - + - + : precision 1/1, 2/3 and 3/5 at the positives.
        var ap = CrossValidation.AveragePrecision([0.9, 0.8, 0.7, 0.6, 0.5], [true, false, true, false, true]);
        Assert.Equal((1 + (2 / 3.0) + (3 / 5.0)) / 3, ap, 12);
        // Unsorted input, ties keep input order: ranking is + (0.8), - (0.8), + (0.1).
        Assert.Equal((1 + (2 / 3.0)) / 2, CrossValidation.AveragePrecision([0.1, 0.8, 0.8], [true, true, false]), 12);
        Assert.Equal(0, CrossValidation.AveragePrecision([0.3, 0.2], [false, false]));
    }

    [Fact]
    public void Accuracy_CountsProbabilitiesOnTheRightSideOfOneHalf()
        => Assert.Equal(0.75, CrossValidation.Accuracy([0.9, 0.4, 0.6, 0.2], [true, false, false, false]));

    [Fact]
    public void StratifiedFolds_SplitEachClassEvenlyAndDependOnlyOnTheSeed()
    {
        var labels = Enumerable.Range(0, 103).Select(i => i % 4 == 0).ToArray();
        var folds = CrossValidation.StratifiedFolds(labels, 5, 7);
        Assert.Equal(folds, CrossValidation.StratifiedFolds(labels, 5, 7));
        Assert.NotEqual(folds, CrossValidation.StratifiedFolds(labels, 5, 8));
        foreach (var positive in new[] { true, false })
        {
            var counts = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, 103).Count(i => folds[i] == f && labels[i] == positive)).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, string.Join(",", counts));
        }
    }
}
