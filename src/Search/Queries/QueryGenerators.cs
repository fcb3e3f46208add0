using Cbvr.Detectors.Storage;
using Cbvr.Features.Text;
using Cbvr.Ingest;
using Cbvr.Search.Concepts;
using Cbvr.Search.Library;

namespace Cbvr.Search.Queries;

/// <summary>
/// Semantic query generation over the current concept bank: one generator (with the bank's MiniLM embeddings, cached in
/// <c>DATA/index/concept-embeddings.bin</c>) until the bank changes (a concept trained or removed, a detector switched).
/// </summary>
public sealed class QueryGenerators(ConceptBank bank, LibraryOrdinals ordinals, TextEmbedder embedder, DataDirectory data)
{
    private readonly Lock _lock = new();
    private string? _key;
    private SemanticQueryGenerator? _generator;

    public GeneratedQuery Generate(string text, string? title, SearchOptions settings) =>
        Current().Generate(text, title, settings.QueryConcepts, settings.MinConceptSimilarity);

    private SemanticQueryGenerator Current()
    {
        if (embedder.DisabledReason is { } reason)
        {
            throw new InvalidOperationException($"text queries need the MiniLM model: {reason}");
        }

        var concepts = bank.List();
        var key = string.Join('\n', concepts.Select(c => c.Id + "|" + c.Name + "|" + string.Join(',', c.Synonyms)));
        lock (_lock)
        {
            if (_generator is null || key != _key)
            {
                var texts = concepts.Select(c => new ConceptText(ordinals.Concept(c.Id), c.Id, c.Name, c.Synonyms, c.Description)).ToList();
                Directory.CreateDirectory(Path.Combine(data.Root, "index"));
                _generator = new SemanticQueryGenerator(embedder, texts, Path.Combine(data.Root, "index", "concept-embeddings.bin"));
                _key = key;
            }

            return _generator;
        }
    }
}
