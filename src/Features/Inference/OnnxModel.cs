using Microsoft.ML.OnnxRuntime;

namespace Cbvr.Features.Inference;

/// <summary>
/// One long-lived ONNX Runtime session. Running it is thread-safe; inputs are <see cref="OrtValue"/>s over the
/// caller's (pooled) buffers, so nothing is copied on the way in.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly RunOptions _runOptions = new();

    internal OnnxModel(string name, InferenceSession session)
    {
        Name = name;
        Session = session;
        InputNames = [.. session.InputMetadata.Keys];
        OutputNames = [.. session.OutputMetadata.Keys];
    }

    public string Name { get; }

    public InferenceSession Session { get; }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Fixed dimensions of input <paramref name="name"/> (-1 where dynamic).</summary>
    public int[] InputShape(string name) => Session.InputMetadata[name].Dimensions;

    /// <summary>Runs the model; the caller disposes the returned outputs (in <see cref="OutputNames"/> order unless given).</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string>? outputNames = null) =>
        Session.Run(_runOptions, [.. inputNames], [.. inputs], [.. (outputNames ?? OutputNames)]);

    /// <summary>Runs a model with one float input given as <paramref name="data"/> (its first elements) of <paramref name="shape"/>.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(float[] data, long[] shape, string? inputName = null)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data.AsMemory(0, (int)shape.Aggregate(1L, (a, b) => a * b)), shape);
        return Run([inputName ?? InputNames[0]], [input]);
    }

    public void Dispose()
    {
        Session.Dispose();
        _runOptions.Dispose();
    }
}
