using Cbvr.Features.Visual;

namespace Cbvr.Features.Tests.Visual;

public sealed class DescriptorPoolingTests
{
    /// <summary>Frames every 0.5 s whose every descriptor value is the frame's number.</summary>
    private static readonly FrameDescriptors[] Frames = [.. Enumerable.Range(0, 4).Select(i => new FrameDescriptors(i * 0.5, Filled(i)))];

    private static VisualDescriptors Filled(float v) => new(
        Enumerable.Repeat(v, FrameDescriptorSet.Dimensions[0]).ToArray(),
        Enumerable.Repeat(v, FrameDescriptorSet.Dimensions[1]).ToArray(),
        Enumerable.Repeat(v, FrameDescriptorSet.Dimensions[2]).ToArray());

    [Theory]
    [InlineData(0.4, 1.2, 1.5)] // frames 1 and 2
    [InlineData(0.0, 2.0, 1.5)] // all four
    [InlineData(0.5, 1.0, 1.0)] // start inclusive, end exclusive
    [InlineData(1.6, 1.9, 3.0)] // none inside: after the last frame
    [InlineData(0.6, 0.8, 1.0)] // none inside: middle 0.7 nearest to frame 1
    [InlineData(0.8, 0.95, 2.0)] // none inside: middle 0.875 nearest to frame 2
    public void AShotIsTheMeanOfItsFramesOrTheNearestFrame(double start, double end, float expected)
    {
        var shot = DescriptorPooling.Shot(Frames, start, end);
        for (var k = 0; k < FrameDescriptorSet.Names.Count; k++)
        {
            Assert.Equal(FrameDescriptorSet.Dimensions[k], shot[k].Length);
            Assert.All(shot[k], v => Assert.Equal(expected, v, 1e-6f));
        }
    }

    [Fact]
    public void AVideoIsTheMeanAndMaxOfItsShots()
    {
        var a = Filled(1);
        var b = Filled(3);
        b.Colour[0] = 0;
        var (mean, max) = DescriptorPooling.Video([a, b]);
        Assert.Equal(0.5f, mean.Colour[0]);
        Assert.Equal(1f, max.Colour[0]);
        Assert.Equal(2f, mean.Motion[^1]);
        Assert.Equal(3f, max.Texture[7]);
        Assert.Equal(1f, a.Colour[1]);
    }
}
