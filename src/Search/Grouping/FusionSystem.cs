namespace Cbvr.Search.Grouping;

/// <summary>
/// The linear system of one IRLS step of the shrinkage (ALGORITHMS.md §2 step 4): (I + λ L_A) x = b, with L_A the
/// Laplacian of edge weights a on a sparse graph, solved by conjugate gradient with a Jacobi preconditioner and a warm start.
/// </summary>
internal sealed class FusionSystem(AffinityGraph graph, double[] a, double lambda)
{
    private const int MaxIterations = 2000;

    /// <summary>y = (I + λ L_A) x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        x.CopyTo(y);
        for (var e = 0; e < a.Length; e++)
        {
            var i = graph.From[e];
            var j = graph.To[e];
            var flow = lambda * a[e] * (x[i] - x[j]);
            y[i] += flow;
            y[j] -= flow;
        }
    }

    /// <summary>Solves for x in place (x holds the start) until the residual is below <paramref name="tolerance"/> times ||b||.</summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x, double tolerance)
    {
        var n = b.Length;
        var diagonal = new double[n];
        Array.Fill(diagonal, 1.0);
        for (var e = 0; e < a.Length; e++)
        {
            diagonal[graph.From[e]] += lambda * a[e];
            diagonal[graph.To[e]] += lambda * a[e];
        }

        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var q = new double[n];
        Multiply(x, r);
        var bNorm = 0.0;
        for (var i = 0; i < n; i++)
        {
            r[i] = b[i] - r[i];
            z[i] = r[i] / diagonal[i];
            p[i] = z[i];
            bNorm += b[i] * b[i];
        }

        var limit = tolerance * tolerance * Math.Max(bNorm, double.Epsilon);
        var rz = Dot(r, z);
        for (var iteration = 0; iteration < MaxIterations && Dot(r, r) > limit; iteration++)
        {
            Multiply(p, q);
            var alpha = rz / Dot(p, q);
            for (var i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
                z[i] = r[i] / diagonal[i];
            }

            var next = Dot(r, z);
            var beta = next / rz;
            rz = next;
            for (var i = 0; i < n; i++)
            {
                p[i] = z[i] + (beta * p[i]);
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
