using System.Numerics.Tensors;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Cbvr.Detectors.Training;

/// <summary>
/// L2-regularised logistic regression with per-sample weights, minimised by MathNet's L-BFGS:
/// (1/n) sum_i v_i log(1 + exp(-y_i (w.x_i + b))) + (l2/2) ||w||^2, y in {-1, +1}, the bias not regularised.
/// Parameters are laid out as [w_1 .. w_d, b].
/// </summary>
public static class WeightedLogisticRegression
{
    /// <summary>Fits on <paramref name="rows"/> (each of d values) from <paramref name="start"/> (warm start) or zero.</summary>
    public static double[] Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, double l2, double[]? start = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        if (rows.Count == 0 || labels.Count != rows.Count || weights.Count != rows.Count)
        {
            throw new ArgumentException("rows, labels and weights must be non-empty and of the same length");
        }

        var d = rows[0].Length;
        var best = (Value: double.PositiveInfinity, Point: start ?? new double[d + 1]);
        var objective = ObjectiveFunction.Gradient(p =>
        {
            var parameters = p.AsArray() ?? p.ToArray();
            var gradient = new double[d + 1];
            var value = Evaluate(rows, labels, weights, l2, parameters, gradient);
            if (value < best.Value)
            {
                best = (value, (double[])parameters.Clone());
            }

            return (value, Vector<double>.Build.Dense(gradient));
        });
        var minimiser = new LimitedMemoryBfgsMinimizer(1e-7, 1e-10, 1e-12, 10, 500);
        try
        {
            return minimiser.FindMinimum(objective, Vector<double>.Build.DenseOfArray((double[])best.Point.Clone())).MinimizingPoint.ToArray();
        }
        catch (Exception error) when (error is MaximumIterationsException or OptimizationException)
        {
            // MathNet throws instead of returning the last point (mathnet-numerics#1125); the best point seen is the answer.
            return best.Point;
        }
    }

    /// <summary>Logistic loss log(1 + exp(-y z)) of one row under <paramref name="parameters"/>.</summary>
    public static double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<double> row, bool label)
        => Softplus(-(label ? 1 : -1) * Margin(parameters, row));

    /// <summary>w.x + b.</summary>
    public static double Margin(ReadOnlySpan<double> parameters, ReadOnlySpan<double> row)
    {
        return parameters[row.Length] + TensorPrimitives.Dot(parameters[..row.Length], row);
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));

    /// <summary>Objective and gradient; rows are split into fixed chunks (summed in order, so results are reproducible).</summary>
    private static double Evaluate(
        IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, double l2, double[] p, double[] gradient)
    {
        var n = rows.Count;
        var d = gradient.Length - 1;
        var chunks = (long)n * d >= 1 << 18 ? Math.Min(16, n) : 1;
        var values = new double[chunks];
        var gradients = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var local = new double[d + 1];
            var value = 0.0;
            for (var i = (int)((long)n * c / chunks); i < (int)((long)n * (c + 1) / chunks); i++)
            {
                if (weights[i] <= 0)
                {
                    continue;
                }

                var y = labels[i] ? 1.0 : -1.0;
                var z = Margin(p, rows[i]);
                value += weights[i] * Softplus(-y * z);
                // d/dz log(1 + exp(-y z)) = -y sigmoid(-y z).
                var coefficient = -weights[i] * y * Sigmoid(-y * z);
                TensorPrimitives.MultiplyAdd(rows[i], coefficient, local.AsSpan(0, d), local.AsSpan(0, d));
                local[d] += coefficient;
            }

            values[c] = value;
            gradients[c] = local;
        });
        for (var c = 0; c < chunks; c++)
        {
            TensorPrimitives.Add(gradient, gradients[c], gradient);
        }

        TensorPrimitives.Divide(gradient, n, gradient);
        var weightsPart = p.AsSpan(0, d);
        TensorPrimitives.MultiplyAdd(weightsPart, l2, gradient.AsSpan(0, d), gradient.AsSpan(0, d));
        return (values.Sum() / n) + (0.5 * l2 * TensorPrimitives.Dot(weightsPart, weightsPart));
    }
}
