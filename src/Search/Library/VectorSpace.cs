using Cbvr.Features.Store;

namespace Cbvr.Search.Library;

/// <summary>
/// A vector space of the index: the video-level feature blocks it concatenates (each block L2-normalised, then the whole), and
/// the shot-level block that locates the best-matching shot of an example query.
/// </summary>
public sealed record VectorSpace(string Name, IReadOnlyList<string> VideoFeatures, string? ShotFeature)
{
    /// <summary>The spaces Cbvr indexes: CNN appearance, low-level visual descriptors, audio words.</summary>
    public static IReadOnlyList<VectorSpace> All { get; } =
    [
        new("resnet18", ["resnet18"], "resnet18"),
        new("visual", ["colour-hsv", "texture-lbp", "motion-flow"], null),
        new("audio", ["mfcc-bow"], null),
    ];

    /// <summary>The space's vector for a stored video, or null when any of its blocks is missing (e.g. no audio).</summary>
    public float[]? Read(FeatureStore store, string videoId)
    {
        var parts = new List<float[]>(VideoFeatures.Count);
        foreach (var feature in VideoFeatures)
        {
            using var block = store.Open(videoId, feature, Granularity.Video);
            if (block is null || block.Rows == 0)
            {
                return null;
            }

            var data = block.ToArray();
            Normalise(data);
            parts.Add(data);
        }

        var vector = parts.Count == 1 ? parts[0] : [.. parts.SelectMany(p => p)];
        Normalise(vector);
        return vector.Any(float.IsNaN) ? null : vector;
    }

    /// <summary>L2-normalises in place (a zero vector stays zero).</summary>
    public static void Normalise(Span<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
