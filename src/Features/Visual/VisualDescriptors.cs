namespace Cbvr.Features.Visual;

/// <summary>
/// The low-level descriptors of one frame, or pooled over a shot or video: colour (<see cref="ColorHistogram"/>), texture
/// (<see cref="TextureDescriptor"/>) and motion (<see cref="MotionDescriptor"/>), in <see cref="FrameDescriptorSet.Names"/> order.
/// </summary>
public sealed record VisualDescriptors(float[] Colour, float[] Texture, float[] Motion)
{
    /// <summary>The descriptor with index <paramref name="kind"/> in <see cref="FrameDescriptorSet.Names"/>.</summary>
    public float[] this[int kind] => kind switch
    {
        0 => Colour,
        1 => Texture,
        2 => Motion,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"descriptor kinds are 0-{FrameDescriptorSet.Names.Count - 1}"),
    };
}

/// <summary>The descriptors of the sampled frame at <see cref="TimeSeconds"/>.</summary>
public sealed record FrameDescriptors(double TimeSeconds, VisualDescriptors Descriptors);
