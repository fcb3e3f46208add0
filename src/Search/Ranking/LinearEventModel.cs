using System.Numerics.Tensors;
using Cbvr.Detectors.Training;

namespace Cbvr.Search.Ranking;

/// <summary>
/// A linear event detector for one modality, trained on an event's example rows against background rows by
/// Detectors' weighted logistic regression, with the classes balanced by sample weights (each class carries half the
/// total weight). <see cref="Score"/> is the margin w.x + b: monotone in the probability and cheap on millions of rows.
/// </summary>
public sealed class LinearEventModel
{
    private LinearEventModel(double[] parameters)
    {
        Parameters = parameters;
        Weights = parameters[..^1].Select(w => (float)w).ToArray();
        Bias = (float)parameters[^1];
    }

    public float[] Weights { get; }

    public float Bias { get; }

    public int Dimensions => Weights.Length;

    /// <summary>[w_1 .. w_d, b] in double, as Detectors' regression lays them out (for losses and warm starts).</summary>
    internal double[] Parameters { get; }

    /// <summary>
    /// Trains on rows of equal length (L2-normalised by the caller), at least one of each class; <paramref name="l2"/> is
    /// the strength of the ridge penalty on w.
    /// </summary>
    public static LinearEventModel Train(IReadOnlyList<float[]> positives, IReadOnlyList<float[]> negatives, double l2 = 1e-2)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        var rows = new double[positives.Count + negatives.Count][];
        var labels = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = i < positives.Count ? positives[i] : negatives[i - positives.Count];
            rows[i] = Array.ConvertAll(row, v => (double)v);
            labels[i] = i < positives.Count;
        }

        return Fit(rows, labels, Enumerable.Repeat(1.0, rows.Length).ToArray(), l2);
    }

    /// <summary>
    /// Fits on double rows with self-paced sample weights <paramref name="sampleWeights"/> (0 = left out), rescaled so
    /// each class carries half the total weight; warm-started from <paramref name="start"/> when given.
    /// </summary>
    internal static LinearEventModel Fit(double[][] rows, bool[] labels, double[] sampleWeights, double l2, LinearEventModel? start = null)
    {
        if (rows.Length != labels.Length || rows.Length != sampleWeights.Length)
        {
            throw new ArgumentException("rows, labels and sample weights must have the same length");
        }

        var d = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != d))
        {
            throw new ArgumentException($"every training row must have {d} values", nameof(rows));
        }

        var positive = 0.0;
        var negative = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            positive += labels[i] ? sampleWeights[i] : 0;
            negative += labels[i] ? 0 : sampleWeights[i];
        }

        if (positive <= 0 || negative <= 0)
        {
            throw new ArgumentException("an event model needs at least one positive and one negative row with a positive weight", nameof(labels));
        }

        var total = positive + negative;
        var balanced = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            balanced[i] = sampleWeights[i] * total / (2 * (labels[i] ? positive : negative));
        }

        var warm = start is not null && start.Dimensions == d ? (double[])start.Parameters.Clone() : null;
        return new LinearEventModel(WeightedLogisticRegression.Fit(rows, labels, balanced, l2, warm));
    }

    /// <summary>Margin w.x + b of a row of <see cref="Dimensions"/> values; higher means more like the examples.</summary>
    public float Score(ReadOnlySpan<float> x)
    {
        if (x.Length != Weights.Length)
        {
            throw new ArgumentException($"the model takes {Weights.Length} values, got {x.Length}", nameof(x));
        }

        return Bias + TensorPrimitives.Dot(Weights, x);
    }

    /// <summary>Logistic loss log(1 + exp(-y (w.x + b))) of a training row.</summary>
    internal double Loss(double[] row, bool positive) => WeightedLogisticRegression.Loss(Parameters, row, positive);
}
