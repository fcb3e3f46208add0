using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Cbvr.Detectors.Storage;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Queries;

namespace Cbvr.Api.Bench;

/// <summary>
/// The requests the clients cycle through: by default a fixed-seed mix drawn from the library itself (concept names of the
/// bank, words of the transcripts and on-screen text, example and more-like-this searches on library videos, video list and
/// detail reads); or the lines of a file (<c>GET /path</c>, <c>POST /path JSON</c>, or a plain text query).
/// </summary>
public static partial class QueryMix
{
    /// <summary>Share of each kind in the built-in mix: mostly searches, some browsing.</summary>
    private static readonly (string Kind, int Weight)[] Weights = [("text", 60), ("example", 10), ("similar", 10), ("list", 5), ("detail", 15)];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <summary>The built-in mix: <paramref name="count"/> requests; "similar" only when the server maps <c>/api/search/similar/{id}</c>.</summary>
    public static IReadOnlyList<BenchQuery> Build(ConceptBank bank, VideoCatalog catalog, DetectionStore detections, IReadOnlySet<string> routes, int count = 500)
    {
        var random = new Random(5);
        var videos = catalog.List(0, 1000, "name", ascending: true).Select(v => v.Id).ToList();
        var concepts = Pick(random, bank.List().Select(c => c.Name.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(), 40);
        var words = Pick(random, videos.SelectMany(id => detections.Texts(id)).SelectMany(t => Word().Matches(t.Text).Select(m => m.Value.ToLowerInvariant())).Distinct(StringComparer.Ordinal).ToList(), 40);
        var texts = concepts.Concat(words).ToList();
        for (var i = 0; i < 20 && concepts.Count > 0 && words.Count > 0; i++)
        {
            texts.Add(concepts[random.Next(concepts.Count)] + " " + words[random.Next(words.Count)]);
        }

        if (texts.Count == 0)
        {
            texts.AddRange(["person", "dog", "car", "music", "text on screen"]);
        }

        var pools = new Dictionary<string, List<BenchQuery>>(StringComparer.Ordinal)
        {
            ["text"] = [.. texts.Select(Text)],
            ["list"] = [.. Enumerable.Range(0, Math.Max(1, (videos.Count + 19) / 20)).Select(page => Get("list", $"/api/videos?limit=20&offset={page * 20}"))],
        };
        if (videos.Count > 0)
        {
            var examples = Pick(random, videos, 10);
            pools["example"] = [.. examples.Select(id => new BenchQuery("example", HttpMethod.Post, "/api/search", $$"""{"exampleIds":["{{id}}"]}""", new SearchRequest { ExampleIds = [id] }))];
            pools["detail"] = [.. videos.Select(id => Get("detail", "/api/videos/" + id))];
            if (routes.Contains("/api/search/similar/{}"))
            {
                pools["similar"] = [.. examples.Select(id => new BenchQuery("similar", HttpMethod.Get, "/api/search/similar/" + id, null, new SearchRequest { ExampleIds = [id], Exclude = [id] }))];
            }
        }

        var weights = Weights.Where(w => pools.ContainsKey(w.Kind)).ToList();
        var total = weights.Sum(w => w.Weight);
        var mix = new List<BenchQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(total);
            var kind = weights.First(w => (roll -= w.Weight) < 0).Kind;
            var pool = pools[kind];
            mix.Add(pool[random.Next(pool.Count)]);
        }

        return mix;
    }

    /// <summary>Requests from lines: <c>GET /path</c>, <c>POST /path JSON</c>, a text query otherwise; blank lines and <c>#</c> comments skipped.</summary>
    public static IReadOnlyList<BenchQuery> Parse(IEnumerable<string> lines)
    {
        var queries = new List<BenchQuery>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("GET /", StringComparison.Ordinal))
            {
                queries.Add(Get(KindOf(line[4..]), line[4..].Trim()));
            }
            else if (line.StartsWith("POST /", StringComparison.Ordinal))
            {
                var rest = line[5..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var (path, body) = space < 0 ? (rest, "{}") : (rest[..space], rest[(space + 1)..].Trim());
                var search = path.TrimEnd('/') == "/api/search" ? ParseSearch(body, line) : null;
                queries.Add(new BenchQuery(search is null ? KindOf(path) : search.ExampleIds.Count > 0 ? "example" : "text", HttpMethod.Post, path, body, search));
            }
            else
            {
                queries.Add(Text(line));
            }
        }

        return queries.Count > 0 ? queries : throw new InvalidOperationException("--queries: the file has no queries");
    }

    private static SearchRequest ParseSearch(string body, string line)
    {
        try
        {
            return JsonSerializer.Deserialize<SearchRequest>(body, Json) ?? throw new InvalidOperationException($"--queries: '{line}': the body is null");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"--queries: '{line}': the body is not a search request: {e.Message}", e);
        }
    }

    private static string KindOf(string path) =>
        path.StartsWith("/api/search", StringComparison.Ordinal) ? "search"
        : path.StartsWith("/api/videos", StringComparison.Ordinal) ? "videos"
        : "other";

    private static BenchQuery Text(string q) =>
        new("text", HttpMethod.Get, "/api/search?q=" + Uri.EscapeDataString(q), null, new SearchRequest { Text = q });

    private static BenchQuery Get(string kind, string path) => new(kind, HttpMethod.Get, path, null, null);

    private static List<string> Pick(Random random, List<string> items, int count)
    {
        items.Sort(StringComparer.Ordinal);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
        return [.. items.Take(count)];
    }

    [GeneratedRegex(@"\p{L}{4,}")]
    private static partial Regex Word();
}
