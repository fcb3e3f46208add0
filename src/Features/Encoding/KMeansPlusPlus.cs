namespace Cbvr.Features.Encoding;

/// <summary>k-means++ seeding (Arthur and Vassilvitskii): each next centre is drawn with probability proportional to
/// the squared distance to the nearest centre chosen so far.</summary>
public static class KMeansPlusPlus
{
    /// <summary>Returns c centres (row-major c x d) drawn from the n x d rows of <paramref name="data"/>.</summary>
    public static float[] Initialise(float[] data, int d, int c, Random random)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        var n = data.Length / d;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c, n);
        var norms = CentreDistances.SquaredNorms(data, d);
        var centres = new float[c * d];
        var nearest = new float[n];
        Array.Fill(nearest, float.PositiveInfinity);
        var chosen = random.Next(n);
        for (var j = 0; j < c; j++)
        {
            data.AsSpan(chosen * d, d).CopyTo(centres.AsSpan(j * d, d));
            if (j == c - 1)
            {
                break;
            }

            var centre = centres.AsMemory(j * d, d);
            var centreNorm = norms[chosen];
            Parallel.For(0, (n + 1023) / 1024, block =>
            {
                Span<float> distance = stackalloc float[1];
                for (var i = block * 1024; i < Math.Min(n, (block + 1) * 1024); i++)
                {
                    CentreDistances.RowDistances(data.AsSpan(i * d, d), norms[i], centres, [centreNorm], distance, j);
                    nearest[i] = Math.Min(nearest[i], distance[0]);
                }
            });
            chosen = Draw(nearest, random);
        }

        return centres;
    }

    private static int Draw(float[] weights, Random random)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        if (total <= 0)
        {
            return random.Next(weights.Length);
        }

        var target = random.NextDouble() * total;
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            if (sum > target && weights[i] > 0)
            {
                return i;
            }
        }

        return Array.FindLastIndex(weights, w => w > 0);
    }
}
