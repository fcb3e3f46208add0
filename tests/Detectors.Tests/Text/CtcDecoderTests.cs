using Cbvr.Detectors.Text;

namespace Cbvr.Detectors.Tests.Text;

public sealed class CtcDecoderTests
{
    // classes: 0 blank, 1 'a', 2 'b', 3 'c', 4 ' '
    private static readonly CtcDecoder Decoder = new(["a", "b", "c"]);

    [Fact]
    public void ClassCount_IsKeysPlusBlankPlusSpace() => Assert.Equal(5, Decoder.ClassCount);

    [Fact]
    public void Decode_MergesRepeats_DropsBlanks_AndMapsTheLastClassToSpace()
    {
        // steps: a a blank a b space c c
        int[] best = [1, 1, 0, 1, 2, 4, 3, 3];
        float[] probability = [0.9f, 0.7f, 0.99f, 0.6f, 0.8f, 0.5f, 0.9f, 0.3f];

        var (text, confidence) = Decoder.Decode(Steps(best, probability), best.Length);

        Assert.Equal("aab c", text);
        // kept: a(0.9) a(0.6) b(0.8) ' '(0.5) c(0.9); repeats and blanks do not count
        Assert.Equal((0.9f + 0.6f + 0.8f + 0.5f + 0.9f) / 5, confidence, 5);
    }

    [Fact]
    public void Decode_OfOnlyBlanks_IsEmptyWithZeroConfidence()
    {
        var (text, confidence) = Decoder.Decode(Steps([0, 0, 0], [0.9f, 0.9f, 0.9f]), 3);

        Assert.Equal("", text);
        Assert.Equal(0f, confidence);
    }

    /// <summary>Probability rows where <paramref name="best"/> has <paramref name="p"/> and the rest share what is left.</summary>
    private static float[] Steps(int[] best, float[] p)
    {
        var rows = new float[best.Length * Decoder.ClassCount];
        for (var t = 0; t < best.Length; t++)
        {
            for (var c = 0; c < Decoder.ClassCount; c++)
            {
                rows[(t * Decoder.ClassCount) + c] = c == best[t] ? p[t] : (1 - p[t]) / (Decoder.ClassCount + 1);
            }
        }

        return rows;
    }
}
