using System.Buffers;
using System.Diagnostics;
using Cbvr.Features;
using Cbvr.Features.Imaging;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Cbvr.Detectors.Vision;

/// <summary>
/// A detector that scores each shot's keyframe with one image model. It resolves the model once (disabled, with the registry's
/// reason, when the model is unavailable), loads its session on first use, and runs keyframes in batches of
/// <see cref="ModelOptions.BatchSize"/> when the model's batch dimension is dynamic, one per run otherwise.
/// </summary>
public abstract class KeyframeDetector : IShotDetector
{
    private readonly InferenceHost _host;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly Lazy<IReadOnlyList<ConceptDefinition>> _concepts;

    protected KeyframeDetector(InferenceHost host, ModelOptions options, ILogger logger, string modelName)
    {
        _host = host;
        _logger = logger;
        _batchSize = options.BatchSize;
        ModelName = modelName;
        Entry = host.Registry.Find(modelName);
        DisabledReason = Entry is null
            ? $"model {modelName} is not available: {host.Registry.Describe(modelName)?.DisabledReason ?? "no manifest for it"}"
            : null;
        _concepts = new Lazy<IReadOnlyList<ConceptDefinition>>(() => Entry is null ? [] : LoadConcepts(Entry), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public abstract string Id { get; }

    public abstract int Version { get; }

    public string ModelHash => Entry?.Hash ?? "";

    public string? DisabledReason { get; }

    /// <summary>The concepts, read from the model's labels on first use (empty while disabled).</summary>
    public IReadOnlyList<ConceptDefinition> Concepts => _concepts.Value;

    /// <summary>Name of the model in the registry.</summary>
    protected string ModelName { get; }

    /// <summary>The model, or null when disabled.</summary>
    protected ModelEntry? Entry { get; }

    /// <summary>The model's session (loaded on first use); throws when the detector is disabled.</summary>
    protected OnnxModel Model => _host.Load(Entry ?? throw Disabled());

    /// <summary>The model's preprocessing from its manifest.</summary>
    protected ImagePreprocessing Preprocessing =>
        (Entry ?? throw Disabled()).Manifest.Preprocessing ?? throw new ModelException($"model {ModelName}: its manifest has no preprocessing");

    /// <summary>Keyframes per run: the configured batch size when the first input's batch dimension is dynamic, else 1.</summary>
    protected int BatchLimit => Model.InputShape(Model.InputNames[0])[0] < 0 ? _batchSize : 1;

    public Task<IReadOnlyList<ShotDetections>> DetectAsync(DetectionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (DisabledReason is not null)
        {
            throw Disabled();
        }

        return Task.Run(() => Detect(input, cancellationToken), cancellationToken);
    }

    /// <summary>Scores every frame of one batch (at most <see cref="BatchLimit"/> frames); one list per frame, possibly empty.</summary>
    protected abstract IReadOnlyList<ConceptScore>[] Score(IReadOnlyList<Mat> frames);

    /// <summary>The concepts of the model (called once, only when the model is available).</summary>
    protected abstract IReadOnlyList<ConceptDefinition> LoadConcepts(ModelEntry entry);

    /// <summary>Concepts of a label file (role <c>labels</c>) of <paramref name="entry"/>.</summary>
    protected IReadOnlyList<ConceptDefinition> LabelConcepts(ModelEntry entry, string describe) =>
        ConceptCatalog.FromLabels(Id, ConceptCatalog.ReadLabels(entry.PathOf("labels")), describe);

    /// <summary>
    /// Runs the model on <paramref name="frames"/> as one batch, each placed as the manifest's preprocessing says, over a pooled
    /// buffer; the caller disposes the outputs. <paramref name="placements"/> maps model pixels back to each frame's pixels.
    /// </summary>
    protected IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<Mat> frames, out Placement[] placements)
    {
        var p = Preprocessing;
        var length = ImageTensor.Length(p);
        var buffer = ArrayPool<float>.Shared.Rent(length * frames.Count);
        try
        {
            placements = new Placement[frames.Count];
            for (var i = 0; i < frames.Count; i++)
            {
                placements[i] = ImageTensor.Fill(frames[i], p, buffer.AsSpan(i * length, length));
            }

            long[] shape = p.Layout == TensorLayout.Nchw ? [frames.Count, 3, p.Height, p.Width] : [frames.Count, p.Height, p.Width, 3];
            return Model.Run(buffer, shape);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads frame <c>index</c> (of <c>count</c> in its batch) from the batch's outputs; <c>placement</c> maps its pixels back.</summary>
    protected delegate T FrameReader<out T>(IReadOnlyList<OrtValue> outputs, Placement placement, int count, int index);

    /// <summary>Runs the model on <paramref name="frames"/> in batches of <see cref="BatchLimit"/> and reads each frame's result.</summary>
    protected T[] RunBatches<T>(IReadOnlyList<Mat> frames, FrameReader<T> read)
    {
        var result = new T[frames.Count];
        var batch = BatchLimit;
        for (var start = 0; start < frames.Count; start += batch)
        {
            var count = Math.Min(batch, frames.Count - start);
            using var outputs = Run([.. frames.Skip(start).Take(count)], out var placements);
            for (var i = 0; i < count; i++)
            {
                result[start + i] = read(outputs, placements[i], count, i);
            }
        }

        return result;
    }

    private InvalidOperationException Disabled() => new($"detector {Id} is disabled: {DisabledReason}");

    private IReadOnlyList<ShotDetections> Detect(DetectionInput input, CancellationToken cancellationToken)
    {
        var shots = input.Shots.Where(s => s.Keyframe is { } k && !k.Empty()).ToList();
        var results = new List<ShotDetections>();
        if (shots.Count == 0)
        {
            return results;
        }

        var clock = Stopwatch.StartNew();
        var batch = BatchLimit;
        for (var start = 0; start < shots.Count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = shots.GetRange(start, Math.Min(batch, shots.Count - start));
            var scores = Score([.. chunk.Select(s => s.Keyframe!)]);
            for (var i = 0; i < chunk.Count; i++)
            {
                if (scores[i].Count > 0)
                {
                    results.Add(new ShotDetections(chunk[i].Index, scores[i], []));
                }
            }
        }

        _logger.LogDebug("{Detector}: {Keyframes} keyframes of {Video} in {Ms} ms", Id, shots.Count, input.VideoId, clock.ElapsedMilliseconds);
        return results;
    }
}
