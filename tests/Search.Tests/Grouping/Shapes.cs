namespace Cbvr.Search.Tests.Grouping;

/// <summary>Seeded point sets for the clustering tests, with their true clusters.</summary>
internal static class Shapes
{
    /// <summary>Two concentric rings (radii 1 and 3) in 2-d with Gaussian noise.</summary>
    public static (float[][] Points, int[] Truth) Circles(int seed, int perRing, double noise)
    {
        var random = new Random(seed);
        var points = new List<float[]>();
        var truth = new List<int>();
        foreach (var (radius, label) in new[] { (1.0, 0), (3.0, 1) })
        {
            for (var i = 0; i < perRing; i++)
            {
                var angle = 2 * Math.PI * random.NextDouble();
                points.Add([(float)((radius * Math.Cos(angle)) + (noise * Normal(random))), (float)((radius * Math.Sin(angle)) + (noise * Normal(random)))]);
                truth.Add(label);
            }
        }

        return ([.. points], [.. truth]);
    }

    /// <summary>The two interleaved half circles ("two moons") in 2-d with Gaussian noise.</summary>
    public static (float[][] Points, int[] Truth) Moons(int seed, int perMoon, double noise)
    {
        var random = new Random(seed);
        var points = new List<float[]>();
        var truth = new List<int>();
        for (var label = 0; label < 2; label++)
        {
            for (var i = 0; i < perMoon; i++)
            {
                var angle = Math.PI * random.NextDouble();
                var (x, y) = label == 0 ? (Math.Cos(angle), Math.Sin(angle)) : (1 - Math.Cos(angle), 0.5 - Math.Sin(angle));
                points.Add([(float)(x + (noise * Normal(random))), (float)(y + (noise * Normal(random)))]);
                truth.Add(label);
            }
        }

        return ([.. points], [.. truth]);
    }

    /// <summary>Gaussian blobs around random unit directions in d dimensions (sigma per coordinate).</summary>
    public static (float[][] Points, int[] Truth) Blobs(int seed, int[] counts, int d, double sigma)
    {
        var random = new Random(seed);
        var points = new List<float[]>();
        var truth = new List<int>();
        for (var b = 0; b < counts.Length; b++)
        {
            var mean = Enumerable.Range(0, d).Select(_ => Normal(random)).ToArray();
            var norm = Math.Sqrt(mean.Sum(v => v * v));
            for (var i = 0; i < counts[b]; i++)
            {
                points.Add(mean.Select(v => (float)((v / norm) + (sigma * Normal(random)))).ToArray());
                truth.Add(b);
            }
        }

        return ([.. points], [.. truth]);
    }

    /// <summary>A seeded random order of 0..n-1.</summary>
    public static int[] Permutation(int seed, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    public static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
