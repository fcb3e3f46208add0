using System.Numerics.Tensors;

namespace Cbvr.Features.Encoding;

/// <summary>Normalisations shared by the encoders.</summary>
public static class DescriptorNormalization
{
    /// <summary>Signed power normalisation: v = sign(v) |v|^alpha (alpha = 0.5 is the signed square root; 1 leaves v).</summary>
    public static void Power(Span<float> values, float alpha)
    {
        if (alpha == 1f)
        {
            return;
        }

        foreach (ref var v in values)
        {
            v = MathF.CopySign(MathF.Pow(MathF.Abs(v), alpha), v);
        }
    }

    /// <summary>Scales <paramref name="values"/> to unit L2 norm; a zero vector stays zero.</summary>
    public static void L2(Span<float> values)
    {
        var norm = TensorPrimitives.Norm(values);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(values, norm, values);
        }
    }
}
