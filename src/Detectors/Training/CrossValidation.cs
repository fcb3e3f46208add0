namespace Cbvr.Detectors.Training;

/// <summary>Seeded stratified k-fold splits and the ranking metrics used to judge concept detectors.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Fold of each item (0..k-1): each class is shuffled with a seeded <see cref="Random"/> and dealt round-robin, so
    /// every fold gets ⌊n_class/k⌋ or ⌈n_class/k⌉ items of each class.
    /// </summary>
    public static int[] StratifiedFolds(IReadOnlyList<bool> labels, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var assignment = new int[labels.Count];
        foreach (var positive in new[] { true, false })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == positive).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                assignment[members[k]] = k % folds;
            }
        }

        return assignment;
    }

    /// <summary>
    /// Non-interpolated average precision (TRECVID): the mean, over the positives, of the precision at each
    /// positive's rank when items are sorted by descending score (equal scores keep input order). 0 without positives.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i);
        var hits = 0;
        var rank = 0;
        var sum = 0.0;
        foreach (var i in order)
        {
            rank++;
            if (labels[i])
            {
                hits++;
                sum += (double)hits / rank;
            }
        }

        return hits == 0 ? 0 : sum / hits;
    }

    /// <summary>Fraction of items whose probability is on the right side of <paramref name="threshold"/>.</summary>
    public static double Accuracy(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        var right = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            right += (probabilities[i] >= threshold) == labels[i] ? 1 : 0;
        }

        return labels.Count == 0 ? 0 : (double)right / labels.Count;
    }

    /// <summary>
    /// Stratified k-fold evaluation: <paramref name="trainAndScore"/> gets the training rows and the held-out rows and
    /// returns a probability per held-out row. Reports the mean over folds of AP and accuracy.
    /// </summary>
    public static CrossValidationReport Evaluate(IReadOnlyList<bool> labels, int folds, int seed, Func<int[], int[], double[]> trainAndScore)
    {
        ArgumentNullException.ThrowIfNull(trainAndScore);
        var assignment = StratifiedFolds(labels, folds, seed);
        var ap = 0.0;
        var accuracy = 0.0;
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, labels.Count).Where(i => assignment[i] != f).ToArray();
            var test = Enumerable.Range(0, labels.Count).Where(i => assignment[i] == f).ToArray();
            var scores = trainAndScore(train, test);
            var truth = test.Select(i => labels[i]).ToArray();
            ap += AveragePrecision(scores, truth) / folds;
            accuracy += Accuracy(scores, truth) / folds;
        }

        return new CrossValidationReport(ap, accuracy, folds);
    }
}
