namespace Cbvr.Features.Tests.Encoding;

/// <summary>Seeded Gaussian blobs for the clustering tests (row-major n x d).</summary>
internal static class Blobs
{
    /// <summary>Rows from isotropic Gaussians: blob b has <paramref name="counts"/>[b] rows around <paramref name="means"/>[b].</summary>
    public static (float[] Data, int[] Truth) Make(int seed, int[] counts, float[][] means, float sigma)
    {
        var random = new Random(seed);
        var d = means[0].Length;
        var n = counts.Sum();
        var data = new float[n * d];
        var truth = new int[n];
        var i = 0;
        for (var b = 0; b < counts.Length; b++)
        {
            for (var k = 0; k < counts[b]; k++, i++)
            {
                truth[i] = b;
                for (var t = 0; t < d; t++)
                {
                    data[(i * d) + t] = means[b][t] + (sigma * Normal(random));
                }
            }
        }

        return (data, truth);
    }

    public static float Normal(Random random)
        => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>True when each cluster holds rows of one blob only and every blob maps to one cluster.</summary>
    public static bool SamePartition(int[] labels, int[] truth)
    {
        var map = new Dictionary<int, int>();
        var back = new Dictionary<int, int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if ((map.TryGetValue(truth[i], out var l) && l != labels[i]) || (back.TryGetValue(labels[i], out var t) && t != truth[i]))
            {
                return false;
            }

            map[truth[i]] = labels[i];
            back[labels[i]] = truth[i];
        }

        return true;
    }
}
