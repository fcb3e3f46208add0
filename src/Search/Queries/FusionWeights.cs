using System.Text.Json;
using Cbvr.Ingest;
using Microsoft.Extensions.Options;

namespace Cbvr.Search.Queries;

/// <summary>
/// Late-fusion weights per modality for text queries and for example queries: <c>Search:Weights</c> from configuration, then
/// <c>DATA/fusion.json</c> written by <c>cbvr fusion fit</c> (which wins). A modality without a weight weighs 1.
/// </summary>
public sealed class FusionWeights(DataDirectory data, IOptions<SearchOptions> options)
{
    public const string TextQueries = "text";
    public const string ExampleQueries = "example";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string FilePath => Path.Combine(data.Root, "fusion.json");

    /// <summary>Weights for <paramref name="kind"/> (<see cref="TextQueries"/> or <see cref="ExampleQueries"/>).</summary>
    public IReadOnlyDictionary<string, double> For(string kind)
    {
        var weights = new Dictionary<string, double>(options.Value.Weights, StringComparer.Ordinal);
        if (Read() is { } fitted && fitted.TryGetValue(kind, out var learnt))
        {
            foreach (var (modality, weight) in learnt)
            {
                weights[modality] = weight;
            }
        }

        return weights;
    }

    /// <summary>Stores fitted weights for <paramref name="kind"/> (atomically; other kinds kept).</summary>
    public void Write(string kind, IReadOnlyDictionary<string, double> weights)
    {
        var all = Read() ?? [];
        all[kind] = new Dictionary<string, double>(weights, StringComparer.Ordinal);
        var temp = FilePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(all, Json));
        File.Move(temp, FilePath, overwrite: true);
    }

    private Dictionary<string, Dictionary<string, double>>? Read()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(File.ReadAllText(FilePath), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{FilePath}: not valid fusion weights ({e.Message}); delete it or run cbvr fusion fit again", e);
        }
    }
}
