namespace Cbvr.Search.Tests.Ranking;

/// <summary>
/// ALGORITHMS.md §4's synthetic event: <c>items</c> items of which <c>positives</c> (at random indices) are drawn from
/// N(μ+, I) and the rest from N(0, I), in each of several modalities (μ+ a random direction of length
/// <c>separation</c>, its own per modality), plus noisy initial scores: N(0, 1), shifted by <c>shift</c> for positives.
/// </summary>
internal sealed record SyntheticEvent(float[][][] Features, bool[] Relevant, float[] Initial)
{
    public static SyntheticEvent Make(
        int seed, int items = 10_000, int positives = 20, int modalities = 2, int dimensions = 32, double separation = 3, double shift = 2.5)
    {
        var random = new Random(seed);
        var relevant = new bool[items];
        foreach (var i in Enumerable.Range(0, items).OrderBy(_ => random.Next()).Take(positives))
        {
            relevant[i] = true;
        }

        var features = new float[modalities][][];
        for (var m = 0; m < modalities; m++)
        {
            var direction = Enumerable.Range(0, dimensions).Select(_ => Normal(random)).ToArray();
            var length = Math.Sqrt(direction.Sum(v => v * v));
            var mean = direction.Select(v => (float)(v * separation / length)).ToArray();
            features[m] = new float[items][];
            for (var i = 0; i < items; i++)
            {
                features[m][i] = Enumerable.Range(0, dimensions).Select(k => (float)Normal(random) + (relevant[i] ? mean[k] : 0)).ToArray();
            }
        }

        var initial = relevant.Select(r => (float)(Normal(random) + (r ? shift : 0))).ToArray();
        return new SyntheticEvent(features, relevant, initial);
    }

    public static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
