using System.Text.Json;

namespace Cbvr.Detectors.Training;

/// <summary>
/// A trained linear concept detector: features are standardised with <see cref="Mean"/> and <see cref="Scale"/>, then
/// P(concept) = sigmoid(Weights . z + Bias). Carries how it was trained (rule, chosen age, cross-validated AP and
/// accuracy, class counts, Selected = training items with a non-zero self-paced weight at the chosen age) and
/// round-trips through JSON for the concept bank.
/// </summary>
public sealed record LinearConceptModel(
    double[] Weights,
    double Bias,
    float[] Mean,
    float[] Scale,
    SelfPacedRule Rule,
    int Age,
    double CrossValidatedAp,
    double CrossValidatedAccuracy,
    int Positives,
    int Negatives,
    int Selected)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public int Dimensions => Weights.Length;

    /// <summary>Probability that the item with features <paramref name="x"/> shows the concept.</summary>
    public double Score(ReadOnlySpan<float> x)
    {
        if (x.Length != Weights.Length)
        {
            throw new ArgumentException($"the model takes {Weights.Length} features, got {x.Length}", nameof(x));
        }

        var z = Bias;
        for (var k = 0; k < x.Length; k++)
        {
            z += Weights[k] * ((x[k] - Mean[k]) / Scale[k]);
        }

        return WeightedLogisticRegression.Sigmoid(z);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a model written by <see cref="ToJson"/>; throws <see cref="JsonException"/> when it is not one.</summary>
    public static LinearConceptModel FromJson(string json)
    {
        var model = JsonSerializer.Deserialize<LinearConceptModel>(json, Json) ?? throw new JsonException("the JSON holds no concept model");
        if (model.Weights is null || model.Mean is null || model.Scale is null
            || model.Mean.Length != model.Weights.Length || model.Scale.Length != model.Weights.Length)
        {
            throw new JsonException("a concept model needs weights, mean and scale of the same length");
        }

        return model;
    }
}
