using Cbvr.Features.Encoding;

namespace Cbvr.Detectors.Training;

/// <summary>
/// One run of ALGORITHMS.md §3 steps 1-5 on a subset of the items: train on all, start each class's age at the p0
/// quantile of its losses, then alternate the closed-form v step and a warm-started weighted fit, growing the ages.
/// </summary>
internal sealed class SelfPacedSchedule
{
    private readonly SelfPacedOptions _options;
    private readonly double[][] _rows;
    private readonly bool[] _labels;
    private readonly int[] _groups;

    public SelfPacedSchedule(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, int[] subset, SelfPacedOptions options)
    {
        _options = options;
        Scaling = new FeatureScaling(features, subset);
        _rows = subset.Select(i => Scaling.Apply(features[i])).ToArray();
        _labels = subset.Select(i => labels[i]).ToArray();
        _groups = options.Rule == SelfPacedRule.Diversity ? Groups(_rows, options) : new int[_rows.Length];
    }

    public FeatureScaling Scaling { get; }

    /// <summary>Age 0 (all weights 1) followed by the self-paced ages until the stop rule or the age cap.</summary>
    public List<AgeState> Run()
    {
        var n = _rows.Length;
        var weights = Enumerable.Repeat(1.0, n).ToArray();
        var parameters = WeightedLogisticRegression.Fit(_rows, _labels, weights, _options.L2);
        var losses = Losses(parameters);
        var positive = StartAge(losses, true);
        var negative = StartAge(losses, false);
        var ages = new List<AgeState> { new(parameters, positive.Lambda, negative.Lambda, weights, 0) };
        for (var age = 1; age <= _options.MaxAges; age++)
        {
            weights = new double[n];
            UpdateWeights(losses, positive, true, weights);
            UpdateWeights(losses, negative, false, weights);
            var next = WeightedLogisticRegression.Fit(_rows, _labels, weights, _options.L2, parameters);
            var change = Change(parameters, next);
            parameters = next;
            losses = Losses(parameters);
            ages.Add(new AgeState(parameters, positive.Lambda, negative.Lambda, weights, change));
            var selected = weights.Count(v => v > 0) / (double)n;
            if (selected >= _options.MaxSelectedFraction && change < _options.WeightTolerance)
            {
                break;
            }

            positive = positive.Grow(_options.Growth);
            negative = negative.Grow(_options.Growth);
        }

        return ages;
    }

    public double[] Score(double[] parameters, IReadOnlyList<float[]> features, IEnumerable<int> rows)
        => rows.Select(i => WeightedLogisticRegression.Sigmoid(WeightedLogisticRegression.Margin(parameters, Scaling.Apply(features[i])))).ToArray();

    private double[] Losses(double[] parameters)
        => _rows.Select((row, i) => WeightedLogisticRegression.Loss(parameters, row, _labels[i])).ToArray();

    private ClassAge StartAge(double[] losses, bool positive)
    {
        var own = losses.Where((_, i) => _labels[i] == positive).Order().ToArray();
        var lambda = Math.Max(Quantile(own, _options.StartQuantile), 1e-12);
        var second = _options.Rule switch
        {
            SelfPacedRule.Mixture => Math.Max(Quantile(own, Math.Min(1, 1.5 * _options.StartQuantile)), lambda * (1 + 1e-6)),
            SelfPacedRule.Diversity => _options.DiversityGammaRatio * lambda,
            _ => 0,
        };
        return new ClassAge(lambda, second);
    }

    private void UpdateWeights(double[] losses, ClassAge age, bool positive, double[] weights)
    {
        var members = Enumerable.Range(0, losses.Length).Where(i => _labels[i] == positive).ToArray();
        if (_options.Rule == SelfPacedRule.Diversity)
        {
            var own = new double[members.Length];
            SelfPacedWeights.Diversity(
                members.Select(i => losses[i]).ToArray(), members.Select(i => _groups[i]).ToArray(), age.Lambda, age.Second, own);
            for (var k = 0; k < members.Length; k++)
            {
                weights[members[k]] = own[k];
            }

            return;
        }

        foreach (var i in members)
        {
            weights[i] = _options.Rule switch
            {
                SelfPacedRule.Hard => SelfPacedWeights.Hard(losses[i], age.Lambda),
                SelfPacedRule.Linear => SelfPacedWeights.Linear(losses[i], age.Lambda),
                // The logarithmic form needs λ < 1: its age stops growing just below 1 (losses above 1 are never selected).
                SelfPacedRule.Logarithmic => SelfPacedWeights.Logarithmic(losses[i], Math.Min(age.Lambda, 1 - 1e-6)),
                _ => SelfPacedWeights.Mixture(losses[i], age.Second, age.Lambda),
            };
        }
    }

    private static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    private static double Change(double[] before, double[] after)
    {
        double difference = 0, norm = 0;
        for (var k = 0; k < before.Length; k++)
        {
            difference += (after[k] - before[k]) * (after[k] - before[k]);
            norm += before[k] * before[k];
        }

        return Math.Sqrt(difference) / Math.Max(1, Math.Sqrt(norm));
    }

    private static int[] Groups(double[][] rows, SelfPacedOptions options)
    {
        var d = rows[0].Length;
        var data = rows.SelectMany(r => r.Select(v => (float)v)).ToArray();
        var clusters = Math.Max(1, Math.Min(options.DiversityGroups, rows.Length / 10));
        return KMeans.Fit(data, d, new KMeansOptions { Clusters = clusters, Seed = options.Seed }).Labels;
    }

    /// <summary>One class's age: λ, and the second parameter of the rule (mixture λ1, SPLD γ); both grow by μ.</summary>
    private readonly record struct ClassAge(double Lambda, double Second)
    {
        public ClassAge Grow(double mu) => new(Lambda * mu, Second * mu);
    }
}

/// <summary>The model and the sample weights of one age.</summary>
internal sealed record AgeState(double[] Parameters, double LambdaPositive, double LambdaNegative, double[] Weights, double Change);
