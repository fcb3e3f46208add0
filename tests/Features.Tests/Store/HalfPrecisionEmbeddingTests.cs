using System.Globalization;
using System.Numerics.Tensors;
using Cbvr.Features.Deep;
using Cbvr.Features.Store;
using Cbvr.Features.Tests.Visual;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Xunit.Abstractions;

namespace Cbvr.Features.Tests.Store;

/// <summary>What storing real ResNet-18 keyframe embeddings in half precision (the default) costs.</summary>
public sealed class HalfPrecisionEmbeddingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RealResNetEmbeddings_SurviveFloat16Storage()
    {
        var embedder = new ResNetEmbedder(TestModels.Host, Microsoft.Extensions.Options.Options.Create(TestModels.Options(withPack: false)), NullLogger<ResNetEmbedder>.Instance);
        var frames = new List<Mat>
        {
            await TestFrames.DemoFrameAsync(TestFrames.DogClip, 0.6),
            await TestFrames.DemoFrameAsync(TestFrames.DogClip, 1.2),
            await TestFrames.DemoFrameAsync(TestFrames.CockatooClip, 1.0),
            await TestFrames.DemoFrameAsync(TestFrames.CockatooClip, 3.0),
        };
        float[][] embeddings;
        try
        {
            embeddings = embedder.Embed(frames);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }

        var rows = embeddings.Length;
        var data = embeddings.SelectMany(e => e).ToArray();
        var tag = new FeatureTag(ResNetEmbedder.ModelName, Granularity.Shot, ResNetEmbedder.ModelName, 1, embedder.ModelHash);
        var path = FeatureFile.Write(TestMedia.NewFolder(), tag, data, rows, ResNetEmbedder.Dimension);
        using var matrix = FeatureMatrix.Open(path);
        Assert.Equal(FeatureType.Float16, matrix.Type);
        Assert.Equal(embedder.ModelHash, matrix.Tag.ModelHash);

        var worstCosine = 1.0f;
        var worstRelative = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var stored = matrix.Row(r);
            worstCosine = Math.Min(worstCosine, TensorPrimitives.CosineSimilarity(embeddings[r], stored));
            var norm = TensorPrimitives.Norm(embeddings[r]);
            for (var i = 0; i < stored.Length; i++)
            {
                // Relative to the larger of the value and 1% of the row norm: tiny activations carry no weight in a cosine.
                worstRelative = Math.Max(worstRelative, Math.Abs(stored[i] - embeddings[r][i]) / Math.Max(Math.Abs(embeddings[r][i]), 0.01 * norm));
            }
        }

        var figures = string.Create(CultureInfo.InvariantCulture, $"worst cosine {worstCosine:0.0000000}, max relative error {worstRelative:0.00e0} over {rows} embeddings");
        output.WriteLine(figures);
        Assert.True(worstCosine >= 0.9999f, figures);
        Assert.True(worstRelative <= 4.9e-4, figures);

        // The stored values still tell the clips apart exactly as the originals do.
        Assert.Equal(
            TensorPrimitives.CosineSimilarity(embeddings[0], embeddings[2]),
            TensorPrimitives.CosineSimilarity(matrix.Row(0), matrix.Row(2)),
            3);
    }
}
