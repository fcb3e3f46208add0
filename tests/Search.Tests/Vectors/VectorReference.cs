namespace Cbvr.Search.Tests.Vectors;

/// <summary>A plain scalar model of what a vector index holds: normalised copies in a dictionary, brute-force cosine top-k.</summary>
internal sealed class VectorReference
{
    public Dictionary<int, float[]> Rows { get; } = [];

    public static float[] Normalised(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (var x in vector)
        {
            sum += (double)x * x;
        }
        var norm = Math.Sqrt(sum);
        var result = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            result[i] = (float)(vector[i] / norm);
        }
        return result;
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }
        return sum;
    }

    public static float[] RandomVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return vector;
    }

    public void Upsert(int key, ReadOnlySpan<float> vector) => Rows[key] = Normalised(vector);

    public List<(int Key, double Score)> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null)
    {
        var q = Normalised(query);
        return Rows.Where(r => accept?.Invoke(r.Key) ?? true)
            .Select(r => (r.Key, Score: Dot(q, r.Value)))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Key)
            .Take(k)
            .ToList();
    }

    /// <summary>Asserts that <paramref name="actual"/> has the reference's top-k keys in order and scores within 1e-5.</summary>
    public void AssertSameTopK(IReadOnlyList<(int Key, float Score)> actual, ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null)
    {
        var expected = Search(query, k, accept);
        Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, 1e-5);
        }
    }
}
