using Cbvr.Search.Concepts;

namespace Cbvr.Search.Tests.Concepts;

public sealed class ConceptAdjustmentTests
{
    private static double Objective(float[] v, float[] d, int[] groupOf, int groupCount, double alpha, double beta)
    {
        var fit = 0.0;
        var l1 = 0.0;
        var squares = new double[groupCount];
        var sizes = new int[groupCount];
        for (var i = 0; i < v.Length; i++)
        {
            fit += 0.5 * (v[i] - d[i]) * (v[i] - d[i]);
            l1 += Math.Abs(v[i]);
            squares[groupOf[i]] += (double)v[i] * v[i];
            sizes[groupOf[i]]++;
        }

        var groups = Enumerable.Range(0, groupCount).Sum(g => Math.Sqrt(sizes[g]) * Math.Sqrt(squares[g]));
        return fit + beta * (alpha * l1 + (1 - alpha) * groups);
    }

    /// <summary>A generic solver: accelerated projected gradient on [0,1]^m with the group norms smoothed, sqrt(||v_g||^2 + mu^2).</summary>
    private static float[] Solve(float[] d, int[] groupOf, int groupCount, double alpha, double beta)
    {
        const double mu = 1e-7;
        var m = d.Length;
        var sizes = new int[groupCount];
        foreach (var g in groupOf)
        {
            sizes[g]++;
        }

        var lipschitz = 1 + (1 - alpha) * beta * Math.Sqrt(sizes.Max()) / mu;
        var momentum = (Math.Sqrt(lipschitz) - 1) / (Math.Sqrt(lipschitz) + 1);
        var x = d.Select(v => (double)v).ToArray();
        var y = (double[])x.Clone();
        var squares = new double[groupCount];
        for (var iteration = 0; iteration < 200_000; iteration++)
        {
            Array.Clear(squares);
            for (var i = 0; i < m; i++)
            {
                squares[groupOf[i]] += y[i] * y[i];
            }

            for (var i = 0; i < m; i++)
            {
                var g = groupOf[i];
                var gradient = y[i] - d[i] + alpha * beta + (1 - alpha) * beta * Math.Sqrt(sizes[g]) * y[i] / Math.Sqrt(squares[g] + mu * mu);
                var next = Math.Clamp(y[i] - gradient / lipschitz, 0, 1);
                y[i] = next + momentum * (next - x[i]);
                x[i] = next;
            }
        }

        return [.. x.Select(v => (float)v)];
    }

    [Fact]
    public void Adjust_EqualsAGenericSolverOnRandomScores()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 12; trial++)
        {
            var m = 12;
            var groupCount = 3;
            var d = Enumerable.Range(0, m).Select(_ => (float)Math.Pow(random.NextDouble(), 2)).ToArray();
            var groupOf = Enumerable.Range(0, m).Select(i => i % groupCount).ToArray();
            var alpha = random.NextDouble();
            var beta = 0.05 + random.NextDouble() * 0.4;
            var closed = new float[m];

            ConceptAdjustment.Adjust(d, groupOf, groupCount, alpha, beta, closed);
            var generic = Solve(d, groupOf, groupCount, alpha, beta);

            for (var i = 0; i < m; i++)
            {
                Assert.Equal(generic[i], closed[i], 2e-3f);
            }

            Assert.True(Objective(closed, d, groupOf, groupCount, alpha, beta) <= Objective(generic, d, groupOf, groupCount, alpha, beta) + 1e-7);
            Assert.Contains(closed, v => v == 0);
        }
    }

    [Fact]
    public void Adjust_WithAlphaOneAndNoGroups_IsSoftThresholding()
    {
        float[] d = [0.9f, 0.1f, 0.35f, 0.3f, 0f];
        var adjusted = new float[d.Length];

        ConceptAdjustment.Adjust(d, [-1, -1, -1, -1, -1], 0, alpha: 1, beta: 0.3, adjusted);

        Assert.Equal(d.Select(v => Math.Max(v - 0.3f, 0)), adjusted, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Adjust_WithBetaZero_ReturnsTheScores()
    {
        float[] d = [0.9f, 0.1f, 0.35f, 0.3f];
        var adjusted = new float[d.Length];

        ConceptAdjustment.Adjust(d, [0, 0, 1, 1], 2, alpha: 0.5, beta: 0, adjusted);

        Assert.Equal(d, adjusted);
    }

    [Fact]
    public void Adjust_DropsAWeakGroupAsAWhole()
    {
        float[] d = [0.9f, 0.8f, 0.12f, 0.1f];
        var adjusted = new float[d.Length];

        ConceptAdjustment.Adjust(d, [0, 0, 1, 1], 2, alpha: 0, beta: 0.12, adjusted);

        Assert.True(adjusted[0] > 0.7f && adjusted[1] > 0.6f);
        Assert.Equal(0f, adjusted[2]);
        Assert.Equal(0f, adjusted[3]);
    }

    [Fact]
    public void BetaForMeanNonZero_ReachesTheTargetCount()
    {
        var random = new Random(3);
        var groupOf = Enumerable.Range(0, 100).Select(i => i / 25).ToArray();
        var sample = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 100).Select(_ => (float)Math.Pow(random.NextDouble(), 3)).ToArray()).ToList();

        var beta = ConceptAdjustment.BetaForMeanNonZero(sample, groupOf, 4, alpha: 0.8, targetMeanNonZero: 10);

        double Mean(double b) => sample.Average(d =>
        {
            var v = new float[d.Length];
            ConceptAdjustment.Adjust(d, groupOf, 4, 0.8, b, v);
            return v.Count(x => x > 0);
        });
        Assert.InRange(Mean(beta), 8.5, 10);
        Assert.True(Mean(beta * 0.99) > 10 - 1e-9);
    }
}
