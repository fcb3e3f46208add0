using System.Numerics.Tensors;
using Cbvr.Features.Deep;
using Cbvr.Features.Imaging;
using Cbvr.Features.Models;
using Cbvr.Features.Tests.Visual;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Cbvr.Features.Tests.Deep;

public sealed class ResNetEmbedderTests
{
    private static readonly Lazy<ResNetEmbedder> Shared = new(() =>
        new ResNetEmbedder(TestModels.Host, Microsoft.Extensions.Options.Options.Create(TestModels.Options(withPack: false)), NullLogger<ResNetEmbedder>.Instance));

    [Fact]
    public async Task TwoFramesOfOneShotAreCloserThanFramesOfDifferentVideos()
    {
        using var dogA = await TestFrames.DemoFrameAsync(TestFrames.DogClip, 0.6);
        using var dogB = await TestFrames.DemoFrameAsync(TestFrames.DogClip, 0.8);
        using var bird = await TestFrames.DemoFrameAsync(TestFrames.CockatooClip, 3.0);
        var e = Shared.Value.Embed([dogA, dogB, bird]);
        Assert.All(e, v => Assert.Equal(ResNetEmbedder.Dimension, v.Length));
        var same = TensorPrimitives.CosineSimilarity(e[0], e[1]);
        var different = TensorPrimitives.CosineSimilarity(e[0], e[2]);
        Assert.True(same > 0.9f, $"same shot cosine {same}");
        Assert.True(different < same - 0.15f, $"dog vs cockatoo cosine {different}, same shot {same}");
    }

    [Fact]
    public async Task ABatchEqualsSingleRunsAndRepeatsExactly()
    {
        using var dog = await TestFrames.DemoFrameAsync(TestFrames.DogClip, 0.6);
        using var bird = await TestFrames.DemoFrameAsync(TestFrames.CockatooClip, 3.0);
        using var texture = TestFrames.Textured();
        Mat[] frames = [dog, bird, texture];
        var batch = Shared.Value.Embed(frames);
        var again = Shared.Value.Embed(frames);
        for (var i = 0; i < frames.Length; i++)
        {
            var one = Shared.Value.Embed(frames[i]);
            Assert.Equal(batch[i], again[i]);
            for (var j = 0; j < ResNetEmbedder.Dimension; j++)
            {
                Assert.True(Math.Abs(one[j] - batch[i][j]) <= 1e-4f * Math.Max(1, Math.Abs(one[j])), $"image {i} value {j}: {one[j]} vs {batch[i][j]}");
            }
        }

        Assert.True(TensorPrimitives.Norm(batch[0]) > 1, "the raw embedding is not normalised");
        Assert.Equal(1f, TensorPrimitives.Norm(ResNetEmbedder.Normalised(batch[0])), 1e-5f);
    }

    [Fact]
    public async Task ThePreparedInputEqualsWhatThePreprocessModelComputes()
    {
        using var dog = await TestFrames.DemoFrameAsync(TestFrames.DogClip, 0.6);
        var entry = TestModels.Model(ResNetEmbedder.ModelName);
        var p = entry.Manifest.Preprocessing! with { Colour = ColourOrder.Rgb };
        var rgb = new float[ImageTensor.Length(p)];
        ImageTensor.Fill(dog, p, rgb);
        using var outputs = TestModels.Host.Load(entry, "preprocess").Run(rgb, [1, 3, 224, 224]);
        var expected = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var prepared = Shared.Value.Prepared(dog);
        Assert.Equal(expected.Length, prepared.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - prepared[i]) < 1e-3f, $"value {i}: {expected[i]} vs {prepared[i]}");
        }
    }
}
