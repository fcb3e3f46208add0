namespace Cbvr.Detectors.Tests.Training;

/// <summary>Two 2-D unit Gaussians, centred at (0,0) (negatives) and (2,2) (positives), with a fraction of labels flipped.</summary>
internal static class NoisyGaussians
{
    public static (float[][] Features, bool[] Labels, bool[] Flipped) Make(int seed, int count, double flip)
    {
        var random = new Random(seed);
        var features = new float[count][];
        var labels = new bool[count];
        var flipped = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 0;
            var centre = positive ? 2f : 0f;
            features[i] = [centre + Normal(random), centre + Normal(random)];
            flipped[i] = random.NextDouble() < flip;
            labels[i] = positive ^ flipped[i];
        }

        return (features, labels, flipped);
    }

    private static float Normal(Random random)
        => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
