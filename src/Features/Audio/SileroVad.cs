using System.Runtime.CompilerServices;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.ML.OnnxRuntime;

namespace Cbvr.Features.Audio;

/// <summary>
/// Silero VAD v5 at 16 kHz: speech probability per 32 ms window (512 samples). The model is recurrent, so a track is run
/// window by window in order, carrying its state ([2,1,128]) and the last 64 samples of the previous window as context.
/// Each call owns its buffers and tensors (made once per call, reused for every window), so calls may run concurrently.
/// </summary>
public sealed class SileroVad
{
    public const string ModelName = "silero-vad";
    public const int SampleRate = 16000;
    public const int WindowSamples = 512;
    public const int ContextSamples = 64;
    public const double WindowSeconds = (double)WindowSamples / SampleRate;
    private const int StateSize = 2 * 1 * 128;

    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    // One pass per track for all callers (speech detector, ASR), kept only while the samples array lives.
    private static readonly ConditionalWeakTable<float[], Lazy<float[]>> Shared = new();

    private readonly OnnxModel _model;
    private readonly long[] _srShape;

    /// <summary>Loads the <c>silero-vad</c> model of <paramref name="host"/>; throws <see cref="ModelException"/> when it is unavailable.</summary>
    public SileroVad(InferenceHost host)
    {
        var entry = host.Registry.Find(ModelName)
            ?? throw new ModelException($"model {ModelName} is not available: {host.Registry.Describe(ModelName)?.DisabledReason ?? "no manifest"}");
        ModelHash = entry.Hash;
        _model = host.Load(entry);
        var missing = InputNames.Except(_model.InputNames).Concat(OutputNames.Except(_model.OutputNames)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelException($"model {ModelName}: expected inputs input/state/sr and outputs output/stateN, missing {string.Join(", ", missing)}");
        }

        _srShape = _model.InputShape("sr").Length == 0 ? [] : [1];
    }

    /// <summary>Content tag of the model (see <see cref="ModelEntry.Hash"/>).</summary>
    public string ModelHash { get; }

    /// <summary>Number of windows for <paramref name="samples"/> samples (the last one zero-padded).</summary>
    public static int WindowCount(int samples) => (samples + WindowSamples - 1) / WindowSamples;

    /// <summary>
    /// <see cref="Probabilities"/> of a whole track, computed once per <paramref name="samples"/> array while it lives (so the
    /// detectors of one video share one pass); the array must not change afterwards.
    /// </summary>
    public ReadOnlyMemory<float> SharedProbabilities(float[] samples, CancellationToken cancellationToken = default)
    {
        // One pass per track even when the speech and ASR detectors ask at the same time.
        return Shared.GetValue(samples, s => new Lazy<float[]>(() => Probabilities(s, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Speech probability of each 32 ms window of 16 kHz mono <paramref name="samples"/>, in [0,1].</summary>
    public float[] Probabilities(ReadOnlySpan<float> samples, CancellationToken cancellationToken = default)
    {
        var windows = WindowCount(samples.Length);
        var result = new float[windows];
        var input = new float[ContextSamples + WindowSamples];
        var state = new float[StateSize];
        var stateOut = new float[StateSize];
        var probability = new float[1];
        var rate = new long[] { SampleRate };
        var memory = OrtMemoryInfo.DefaultInstance;
        using var inputValue = OrtValue.CreateTensorValueFromMemory(memory, input.AsMemory(), [1, input.Length]);
        using var stateValue = OrtValue.CreateTensorValueFromMemory(memory, state.AsMemory(), [2, 1, 128]);
        using var rateValue = OrtValue.CreateTensorValueFromMemory(memory, rate.AsMemory(), _srShape);
        using var probabilityValue = OrtValue.CreateTensorValueFromMemory(memory, probability.AsMemory(), [1, 1]);
        using var stateOutValue = OrtValue.CreateTensorValueFromMemory(memory, stateOut.AsMemory(), [2, 1, 128]);
        using var runOptions = new RunOptions();
        OrtValue[] inputs = [inputValue, stateValue, rateValue];
        OrtValue[] outputs = [probabilityValue, stateOutValue];
        for (var w = 0; w < windows; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The context is the tail of the previous window's input (zeros before the first window).
            input.AsSpan(WindowSamples, ContextSamples).CopyTo(input);
            var start = w * WindowSamples;
            var count = Math.Min(WindowSamples, samples.Length - start);
            samples.Slice(start, count).CopyTo(input.AsSpan(ContextSamples));
            input.AsSpan(ContextSamples + count).Clear();
            _model.Session.Run(runOptions, InputNames, inputs, OutputNames, outputs);
            result[w] = Math.Clamp(probability[0], 0f, 1f);
            stateOut.CopyTo(state, 0);
        }

        return result;
    }
}
