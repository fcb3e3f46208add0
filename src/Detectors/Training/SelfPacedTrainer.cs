namespace Cbvr.Detectors.Training;

/// <summary>
/// Trains a linear concept detector by self-paced learning (ALGORITHMS.md §3): weighted logistic regression whose
/// sample weights follow the chosen self-paced rule, with ages grown from the p0 loss quantile, selection run
/// separately for positives and negatives (keeps the class ratio), and the age kept that has the best mean AP over
/// stratified folds (each fold runs the whole schedule on its training part). Deterministic for a given seed.
/// </summary>
public sealed class SelfPacedTrainer(SelfPacedOptions options)
{
    /// <summary>Trains on rows of equal length; needs at least <see cref="SelfPacedOptions.Folds"/> items of each class.</summary>
    public SelfPacedResult Train(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count != labels.Count)
        {
            throw new ArgumentException($"{features.Count} feature rows but {labels.Count} labels", nameof(labels));
        }

        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (Math.Min(positives, negatives) < options.Folds)
        {
            throw new ArgumentException(
                $"self-paced training needs at least {options.Folds} positives and negatives, got {positives} and {negatives}", nameof(labels));
        }

        var all = Enumerable.Range(0, labels.Count).ToArray();
        var full = new SelfPacedSchedule(features, labels, all, options);
        var ages = full.Run();
        var (ap, accuracy) = CrossValidate(features, labels, ages.Count);
        var best = 0;
        for (var a = 1; a < ages.Count; a++)
        {
            best = ap[a] > ap[best] ? a : best;
        }

        var chosen = ages[best].Parameters;
        var d = chosen.Length - 1;
        var model = new LinearConceptModel(
            chosen[..d], chosen[d], full.Scaling.Mean, full.Scaling.Scale, options.Rule, best, ap[best], accuracy[best],
            positives, negatives, ages[best].Weights.Count(v => v > 0));
        var records = ages.Select((s, a) => new AgeRecord(
            a, s.LambdaPositive, s.LambdaNegative, s.Weights.Count(v => v > 0) / (double)labels.Count, s.Change, ap[a], accuracy[a], s.Weights));
        return new SelfPacedResult(model, records.ToList());
    }

    /// <summary>Mean over folds of AP and accuracy per age; a fold whose schedule stopped earlier uses its last model.</summary>
    private (double[] Ap, double[] Accuracy) CrossValidate(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, int ageCount)
    {
        var folds = CrossValidation.StratifiedFolds(labels, options.Folds, options.Seed);
        var ap = new double[ageCount];
        var accuracy = new double[ageCount];
        for (var f = 0; f < options.Folds; f++)
        {
            var train = Enumerable.Range(0, labels.Count).Where(i => folds[i] != f).ToArray();
            var test = Enumerable.Range(0, labels.Count).Where(i => folds[i] == f).ToArray();
            var truth = test.Select(i => labels[i]).ToArray();
            var schedule = new SelfPacedSchedule(features, labels, train, options);
            var states = schedule.Run();
            for (var a = 0; a < ageCount; a++)
            {
                var scores = schedule.Score(states[Math.Min(a, states.Count - 1)].Parameters, features, test);
                ap[a] += CrossValidation.AveragePrecision(scores, truth) / options.Folds;
                accuracy[a] += CrossValidation.Accuracy(scores, truth) / options.Folds;
            }
        }

        return (ap, accuracy);
    }
}
