using Cbvr.Features.Visual;
using OpenCvSharp;

namespace Cbvr.Features.Tests.Visual;

public sealed class FrameDescriptorTests
{
    [Fact]
    public async Task DescriptorsHaveTheDocumentedLengthsAndNormsAndRepeatExactly()
    {
        using var dog = await TestFrames.DemoFrameAsync(TestFrames.DogClip, 0.6);
        using var dogLater = await TestFrames.DemoFrameAsync(TestFrames.DogClip, 1.1);
        var runs = new List<FrameDescriptors[]>();
        for (var run = 0; run < 2; run++)
        {
            using var set = new FrameDescriptorSet();
            runs.Add([set.Add(dog, 0.5), set.Add(dogLater, 1.0)]);
        }

        Assert.Equal([128, 295, 34], FrameDescriptorSet.Dimensions);
        Assert.Equal(3, FrameDescriptorSet.Names.Distinct().Count());
        var d = runs[0][1].Descriptors;
        for (var k = 0; k < FrameDescriptorSet.Names.Count; k++)
        {
            Assert.Equal(FrameDescriptorSet.Dimensions[k], d[k].Length);
            Assert.All(d[k], v => Assert.True(v >= 0 && float.IsFinite(v)));
            Assert.Equal(runs[0][0].Descriptors[k], runs[1][0].Descriptors[k]);
            Assert.Equal(d[k], runs[1][1].Descriptors[k]);
        }

        Assert.Equal(1f, d.Colour.Sum(), 1e-4f);
        for (var cell = 0; cell < TextureDescriptor.Cells; cell++)
        {
            Assert.Equal(1f, d.Texture.AsSpan(cell * TextureDescriptor.Bins, TextureDescriptor.Bins).ToArray().Sum(), 1e-4f);
        }

        Assert.All(runs[0][0].Descriptors.Motion, v => Assert.Equal(0f, v));
        Assert.Equal(1f, d.Motion.AsSpan(0, MotionDescriptor.HistogramLength).ToArray().Sum(), 1e-4f);
        Assert.True(d.Motion[MotionDescriptor.MovingFractionIndex] > 0, "the dog clip moves between 0.6 s and 1.1 s");
    }

    [Fact]
    public void APureRedFramePutsAllColourMassInTheRedHueBin()
    {
        using var red = new Mat(256, 456, MatType.CV_8UC3, new Scalar(0, 0, 255));
        using var histogram = new ColorHistogram();
        var h = histogram.Compute(red);
        // Red: hue 0 (bin 0), saturation 255 (bin 3), value 255 (bin 3).
        Assert.Equal(1f, h[(0 * 16) + (3 * 4) + 3], 1e-6f);
        using var blue = new Mat(256, 456, MatType.CV_8UC3, new Scalar(255, 0, 0));
        var b = histogram.Compute(blue);
        Assert.Equal(1f, b[(ColorHistogram.HueBinOf(120) * 16) + 15], 1e-6f);
        Assert.Equal(5, ColorHistogram.HueBinOf(120));
    }

    [Fact]
    public void UniformLbpHas58UniformPatternsAndAFlatImageIsAllOneCode()
    {
        Assert.Equal(58, Enumerable.Range(0, 256).Select(TextureDescriptor.BinOf).Where(b => b < 58).Distinct().Count());
        Assert.Equal(58, TextureDescriptor.BinOf(0b0101_0101));
        using var flat = new Mat(64, 64, MatType.CV_8UC3, Scalar.All(90));
        using var texture = new TextureDescriptor();
        var t = texture.Compute(flat);
        var allOnes = TextureDescriptor.BinOf(255);
        for (var cell = 0; cell < TextureDescriptor.Cells; cell++)
        {
            Assert.Equal(1f, t[(cell * TextureDescriptor.Bins) + allOnes]);
        }
    }

    [Fact]
    public void AFrameShiftedRightMovesRightByTheScaledShift()
    {
        using var frame = TestFrames.Textured();
        using var shifted = Shift(frame, 8);
        using var motion = new MotionDescriptor();
        Assert.All(motion.Add(frame), v => Assert.Equal(0f, v));
        var m = motion.Add(shifted);
        Assert.Equal(0.5, motion.Scale);
        var directions = Enumerable.Range(0, MotionDescriptor.DirectionBins)
            .Select(d => m.AsSpan(d * MotionDescriptor.MagnitudeBins, MotionDescriptor.MagnitudeBins).ToArray().Sum()).ToArray();
        Assert.Equal(0, Array.IndexOf(directions, directions.Max()));
        Assert.True(directions[0] > 0.8f, $"share of rightward flow {directions[0]}");
        Assert.InRange(m[MotionDescriptor.MeanMagnitudeIndex], 3.0f, 4.5f);
        Assert.True(m[MotionDescriptor.MovingFractionIndex] > 0.8f);

        using var shiftedUp = Shift(frame, 0, -8);
        motion.Reset();
        motion.Add(frame);
        var up = motion.Add(shiftedUp);
        Assert.True(up.AsSpan(2 * MotionDescriptor.MagnitudeBins, MotionDescriptor.MagnitudeBins).ToArray().Sum() > 0.8f, "upward shift lands in direction bin 2");
    }

    [Fact]
    public void StaticFramesHaveNearZeroMotion()
    {
        using var frame = TestFrames.Textured();
        using var copy = frame.Clone();
        using var motion = new MotionDescriptor();
        motion.Add(frame);
        var m = motion.Add(copy);
        Assert.True(m[MotionDescriptor.MeanMagnitudeIndex] < 0.05f, $"mean magnitude {m[MotionDescriptor.MeanMagnitudeIndex]}");
        Assert.True(m[MotionDescriptor.MovingFractionIndex] < 0.01f);
    }

    [Fact]
    public void AfterWarmUpADescriptorAllocatesLittleMoreThanItsResult()
    {
        using var frame = TestFrames.Textured();
        using var set = new FrameDescriptorSet();
        for (var i = 0; i < 3; i++)
        {
            set.Add(frame, i * 0.5);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        set.Add(frame, 2);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var results = FrameDescriptorSet.Dimensions.Sum() * sizeof(float);
        Assert.True(allocated < results + 1024, $"allocated {allocated} bytes for {results} bytes of results");
    }

    /// <summary>The frame moved by (<paramref name="dx"/>, <paramref name="dy"/>) pixels, the uncovered border replicated.</summary>
    private static Mat Shift(Mat frame, double dx, double dy = 0)
    {
        using var m = new Mat(2, 3, MatType.CV_64FC1, Scalar.All(0));
        m.Set(0, 0, 1.0);
        m.Set(0, 2, dx);
        m.Set(1, 1, 1.0);
        m.Set(1, 2, dy);
        var shifted = new Mat();
        Cv2.WarpAffine(frame, shifted, m, frame.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        return shifted;
    }
}
