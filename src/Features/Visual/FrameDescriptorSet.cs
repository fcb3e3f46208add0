using OpenCvSharp;

namespace Cbvr.Features.Visual;

/// <summary>
/// Computes all low-level descriptors of the sampled frames of one video, in time order (the motion descriptor compares each
/// frame with the one before). Call <see cref="Reset"/> (or use a new instance) per video. Not thread-safe: an instance reuses
/// its buffers; run one per ingest job.
/// </summary>
public sealed class FrameDescriptorSet : IDisposable
{
    public const string ColourName = "colour-hsv";
    public const string TextureName = "texture-lbp";
    public const string MotionName = "motion-flow";

    /// <summary>Descriptor names, the order of <see cref="VisualDescriptors"/>' indexer.</summary>
    public static IReadOnlyList<string> Names { get; } = [ColourName, TextureName, MotionName];

    /// <summary>Length of each descriptor, in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<int> Dimensions { get; } = [ColorHistogram.Length, TextureDescriptor.Length, MotionDescriptor.Length];

    private readonly ColorHistogram _colour = new();
    private readonly TextureDescriptor _texture = new();
    private readonly MotionDescriptor _motion = new();

    /// <summary>The descriptors of the next sampled frame <paramref name="bgr"/> (CV_8UC3) at <paramref name="timeSeconds"/>.</summary>
    public FrameDescriptors Add(Mat bgr, double timeSeconds) =>
        new(timeSeconds, new VisualDescriptors(_colour.Compute(bgr), _texture.Compute(bgr), _motion.Add(bgr)));

    /// <summary>Starts a new video: the next frame has no previous one.</summary>
    public void Reset() => _motion.Reset();

    public void Dispose()
    {
        _colour.Dispose();
        _texture.Dispose();
        _motion.Dispose();
    }
}
