using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using Cbvr.Features.Imaging;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Cbvr.Features.Deep;

/// <summary>
/// The 512-d ResNet18 (ImageNet) embedding of keyframes: centre square crop resized to 224x224, BGR planes in 0-255 minus
/// the model's mean image, batched <see cref="ModelOptions.BatchSize"/> images per run. The exported model fixes its batch
/// size to 1, so it is loaded with a symbolic batch dimension (<see cref="OnnxBatchDimension"/>) into a session of its own.
/// The companion <c>ResNetPreprocess.onnx</c> (plane reorder and mean subtraction) runs once at load to read the mean image;
/// per batch only ResNet18 runs. Thread-safe: buffers are rented per call and the session's Run is thread-safe.
/// </summary>
public sealed class ResNetEmbedder : IDisposable
{
    public const string ModelName = "resnet18";

    /// <summary>Length of one embedding.</summary>
    public const int Dimension = 512;

    private const string InputName = "Input247";
    private const string OutputName = "Pooling395_Output_0";

    private readonly InferenceHost _host;
    private readonly ILogger<ResNetEmbedder> _logger;
    private readonly Lazy<Loaded> _loaded;

    public ResNetEmbedder(InferenceHost host, IOptions<ModelOptions> options, ILogger<ResNetEmbedder> logger)
    {
        _host = host;
        _logger = logger;
        BatchSize = options.Value.BatchSize;
        DisabledReason = host.Registry.Find(ModelName) is null
            ? host.Registry.Describe(ModelName)?.DisabledReason ?? $"model {ModelName} is not known"
            : null;
        _loaded = new Lazy<Loaded>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Why the embedder cannot run; null when it can.</summary>
    public string? DisabledReason { get; }

    /// <summary>Images per model run.</summary>
    public int BatchSize { get; }

    /// <summary>Content tag of the model, stored with every embedding.</summary>
    public string ModelHash => Entry.Hash;

    private ModelEntry Entry => _host.Registry.Find(ModelName)
        ?? throw new InvalidOperationException($"{ModelName} embedder is disabled: {DisabledReason}");

    /// <summary>Raw (not normalised) 512-d embeddings of BGR keyframes (CV_8UC3, any size), one per image, in order.</summary>
    public float[][] Embed(IReadOnlyList<Mat> keyframes)
    {
        var loaded = _loaded.Value;
        var result = new float[keyframes.Count][];
        var batch = Math.Min(BatchSize, Math.Max(1, keyframes.Count));
        var input = ArrayPool<float>.Shared.Rent(batch * loaded.ImageLength);
        var output = ArrayPool<float>.Shared.Rent(batch * Dimension);
        try
        {
            for (var first = 0; first < keyframes.Count; first += batch)
            {
                var n = Math.Min(batch, keyframes.Count - first);
                for (var i = 0; i < n; i++)
                {
                    Prepare(loaded, keyframes[first + i], input.AsSpan(i * loaded.ImageLength, loaded.ImageLength));
                }

                Run(loaded, input, output, n);
                for (var i = 0; i < n; i++)
                {
                    result[first + i] = output.AsSpan(i * Dimension, Dimension).ToArray();
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(output);
        }

        return result;
    }

    /// <summary>The embedding of one keyframe.</summary>
    public float[] Embed(Mat keyframe) => Embed([keyframe])[0];

    /// <summary>An L2-normalised copy of <paramref name="embedding"/> (zeros stay zeros).</summary>
    public static float[] Normalised(ReadOnlySpan<float> embedding)
    {
        var copy = embedding.ToArray();
        var norm = TensorPrimitives.Norm(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    /// <summary>
    /// Benchmark floor: prepares <paramref name="keyframes"/> as one batch once, then times <paramref name="runs"/> bare
    /// session runs on it (no preprocessing, no copies), to compare <see cref="Embed(IReadOnlyList{Mat})"/> against.
    /// </summary>
    public TimeSpan BenchmarkBareRuns(IReadOnlyList<Mat> keyframes, int runs)
    {
        var loaded = _loaded.Value;
        var n = keyframes.Count;
        var input = new float[n * loaded.ImageLength];
        var output = new float[n * Dimension];
        for (var i = 0; i < n; i++)
        {
            Prepare(loaded, keyframes[i], input.AsSpan(i * loaded.ImageLength, loaded.ImageLength));
        }

        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [n, 3, loaded.Size, loaded.Size]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [n, Dimension, 1, 1]);
        using var runOptions = new RunOptions();
        string[] inputNames = [InputName];
        string[] outputNames = [OutputName];
        OrtValue[] inputs = [inputValue];
        OrtValue[] outputs = [outputValue];
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < runs; r++)
        {
            loaded.Session.Run(runOptions, inputNames, inputs, outputNames, outputs);
        }

        return watch.Elapsed;
    }

    /// <summary>The model input of one keyframe (for tests).</summary>
    internal float[] Prepared(Mat keyframe)
    {
        var loaded = _loaded.Value;
        var input = new float[loaded.ImageLength];
        Prepare(loaded, keyframe, input);
        return input;
    }

    /// <summary>Centre crop to the model size, BGR planes, minus the mean image.</summary>
    private static void Prepare(Loaded loaded, Mat keyframe, Span<float> destination)
    {
        ImageTensor.Fill(keyframe, loaded.Preprocessing, destination);
        TensorPrimitives.Subtract(destination, loaded.Mean, destination);
    }

    private static void Run(Loaded loaded, float[] input, float[] output, int n)
    {
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, n * loaded.ImageLength), [n, 3, loaded.Size, loaded.Size]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(0, n * Dimension), [n, Dimension, 1, 1]);
        loaded.Session.Run(loaded.RunOptions, [InputName], [inputValue], [OutputName], [outputValue]);
    }

    private Loaded Load()
    {
        var entry = Entry;
        var p = entry.Manifest.Preprocessing ?? throw new ModelException($"model {ModelName}: manifest has no preprocessing");
        var mean = ReadMeanImage(_host.Load(entry, "preprocess"), p);
        var bytes = OnnxBatchDimension.MakeDynamic(File.ReadAllBytes(entry.PathOf()));
        using var options = _host.CreateSessionOptions();
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"model {ModelName}: ONNX Runtime cannot load {entry.PathOf()} with a dynamic batch: {e.Message}", e);
        }

        var batchDim = session.InputMetadata[InputName].Dimensions[0];
        _logger.LogInformation("model {Model} loaded for embeddings on {Provider}, batch {Batch} (input batch dimension {Dim})", ModelName, _host.UsesCuda ? "CUDA" : "CPU", BatchSize, batchDim);
        return new Loaded(session, p with { Mean = [0, 0, 0], Std = [1, 1, 1], Scale = 1, Colour = ColourOrder.Bgr }, mean);
    }

    /// <summary>The preprocess model computes <c>bgr - mean</c>; on a zero image its output is the negated mean image.</summary>
    private static float[] ReadMeanImage(OnnxModel preprocess, ImagePreprocessing p)
    {
        var zeros = new float[ImageTensor.Length(p)];
        using var outputs = preprocess.Run(zeros, [1, 3, p.Height, p.Width]);
        var mean = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        TensorPrimitives.Negate(mean, mean);
        return mean;
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            _loaded.Value.Session.Dispose();
            _loaded.Value.RunOptions.Dispose();
        }
    }

    private sealed record Loaded(InferenceSession Session, ImagePreprocessing Preprocessing, float[] Mean)
    {
        public RunOptions RunOptions { get; } = new();

        public int Size => Preprocessing.Width;

        public int ImageLength => ImageTensor.Length(Preprocessing);
    }
}
