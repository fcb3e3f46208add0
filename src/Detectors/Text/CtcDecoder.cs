using System.Text;

namespace Cbvr.Detectors.Text;

/// <summary>
/// Greedy CTC decoding over PaddleOCR's character list: class 0 is the blank, classes 1..n are the lines of the keys file,
/// and class n+1 is a space.
/// </summary>
public sealed class CtcDecoder
{
    private readonly string[] _classes;

    /// <param name="keys">The keys file's characters, one per line, in file order.</param>
    public CtcDecoder(IReadOnlyList<string> keys)
    {
        _classes = ["", .. keys, " "];
    }

    /// <summary>Number of classes the recognition model must output (keys + blank + space).</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Reads the keys file (one character per line, UTF-8).</summary>
    public static CtcDecoder FromFile(string path) =>
        new(File.ReadAllLines(path, Encoding.UTF8));

    /// <summary>
    /// Decodes one sequence of <paramref name="steps"/> x <see cref="ClassCount"/> probabilities: per step the most likely
    /// class, repeats merged, blanks dropped. Confidence is the mean probability of the kept characters (0 when none).
    /// </summary>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int steps)
    {
        var classes = _classes.Length;
        if (probabilities.Length < steps * classes)
        {
            throw new ArgumentException($"expected {steps} x {classes} probabilities, got {probabilities.Length}", nameof(probabilities));
        }

        var text = new StringBuilder();
        var sum = 0.0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            if (best != 0 && best != previous)
            {
                text.Append(_classes[best]);
                sum += row[best];
                kept++;
            }

            previous = best;
        }

        return (text.ToString(), kept == 0 ? 0f : (float)(sum / kept));
    }
}
