using System.Numerics.Tensors;

namespace Cbvr.Search.Ranking;

/// <summary>
/// Query-by-example scoring when there are too few examples to train an <see cref="LinearEventModel"/> (one example):
/// the highest cosine similarity between a row and any example.
/// </summary>
public static class ExampleSimilarity
{
    /// <summary>Max cosine of <paramref name="x"/> to the examples, in [-1, 1]; a zero vector scores 0; no examples throws.</summary>
    public static float Score(ReadOnlySpan<float> x, IReadOnlyList<float[]> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("example similarity needs at least one example", nameof(examples));
        }

        var norm = TensorPrimitives.Norm(x);
        var best = float.NegativeInfinity;
        foreach (var example in examples)
        {
            if (example.Length != x.Length)
            {
                throw new ArgumentException($"an example has {example.Length} values, the row {x.Length}", nameof(examples));
            }

            var denominator = norm * TensorPrimitives.Norm(example);
            best = Math.Max(best, denominator > 0 ? TensorPrimitives.Dot(x, example) / denominator : 0);
        }

        return best;
    }
}
