using System.CommandLine;
using System.Globalization;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Queries;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr search</c>: text, example and more-like-this queries on the library, with evidence.</summary>
public static class SearchCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var text = new Argument<string?>("text") { Arity = ArgumentArity.ZeroOrOne, Description = "What happens in the videos you want (words, a sentence, an event description)" };
        var example = new Option<string[]>("--example", "-e") { Description = "An example: a video of the library (id or prefix) or a clip file analysed outside the library (repeatable)", AllowMultipleArgumentsPerToken = true };
        var moreLike = new Option<string?>("--more-like") { Description = "Videos like this one of the library (id or prefix)" };
        var title = new Option<string?>("--title") { Description = "Event name: its words weigh double when the text is mapped to concepts" };
        var limit = new Option<int?>("--limit", "-n") { Description = "Hits to show (default Search:DefaultLimit)" };
        var rerank = new Option<bool?>("--rerank") { Description = "Self-paced reranking on or off (default Search:RerankByDefault)" };
        var group = new Option<bool>("--group") { Description = "Group the hits by spectral clustering, labelled by concepts" };
        var explain = new Option<bool>("--explain") { Description = "Show each hit's evidence: modality scores, concepts, snippets, best shot" };
        var relevant = new Option<string[]>("--relevant") { Description = "Relevance feedback: a hit you want more of (repeatable)", AllowMultipleArgumentsPerToken = true };
        var irrelevant = new Option<string[]>("--irrelevant") { Description = "Relevance feedback: a hit you do not want (repeatable)", AllowMultipleArgumentsPerToken = true };
        var modality = new Option<string[]>("--modality") { Description = "Only these modalities (concepts, text, resnet18, visual, audio)", AllowMultipleArgumentsPerToken = true };
        var minDuration = new Option<double?>("--min-duration") { Description = "Only videos at least this many seconds long" };
        var maxDuration = new Option<double?>("--max-duration") { Description = "Only videos at most this many seconds long" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only videos ingested at or after this time (ISO 8601)" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Only videos ingested at or before this time (ISO 8601)" };
        var speech = new Option<bool?>("--has-speech") { Description = "Only videos with (true) or without (false) speech" };
        var onScreen = new Option<bool?>("--has-text") { Description = "Only videos with (true) or without (false) on-screen text" };
        var json = CbvrCommandLine.Json();
        var command = new Command("search", "Search the library by text, by example videos or clips, or for videos like one");
        command.Arguments.Add(text);
        foreach (var option in new Option[] { example, moreLike, title, limit, rerank, group, explain, relevant, irrelevant, modality, minDuration, maxDuration, since, until, speech, onScreen, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (r, ct) =>
        {
            using var host = await CliHost.BuildForAnalysisAsync(global(r), ct).ConfigureAwait(false);
            var catalog = host.Services.GetRequiredService<VideoCatalog>();
            try
            {
                var (ids, files) = Examples(catalog, [.. r.GetValue(example) ?? [], .. r.GetValue(moreLike) is { } like ? [Resolve(catalog, like, "--more-like")] : Array.Empty<string>()]);
                var request = new SearchRequest
                {
                    Text = r.GetValue(text),
                    Title = r.GetValue(title),
                    ExampleIds = ids,
                    ExampleFiles = files,
                    Limit = r.GetValue(limit),
                    Rerank = r.GetValue(rerank),
                    Group = r.GetValue(group),
                    Explain = r.GetValue(explain) || r.GetValue(json),
                    Relevant = [.. (r.GetValue(relevant) ?? []).Select(v => Resolve(catalog, v, "--relevant"))],
                    Irrelevant = [.. (r.GetValue(irrelevant) ?? []).Select(v => Resolve(catalog, v, "--irrelevant"))],
                    Modalities = r.GetValue(modality) ?? [],
                    Filters = new SearchFilters
                    {
                        MinDurationSeconds = r.GetValue(minDuration),
                        MaxDurationSeconds = r.GetValue(maxDuration),
                        IngestedAfter = r.GetValue(since),
                        IngestedBefore = r.GetValue(until),
                        HasSpeech = r.GetValue(speech),
                        HasText = r.GetValue(onScreen),
                    },
                };
                var response = await host.Services.GetRequiredService<SearchService>().SearchAsync(request, ct).ConfigureAwait(false);
                if (r.GetValue(json))
                {
                    Output.WriteJson(response);
                }
                else
                {
                    SearchOutput.Write(response, r.GetValue(explain));
                }

                return 0;
            }
            catch (SearchException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }

    /// <summary>Each example is a file when one exists at that path, else a library video by id or prefix.</summary>
    private static (List<string> Ids, List<string> Files) Examples(VideoCatalog catalog, IEnumerable<string> values)
    {
        var (ids, files) = (new List<string>(), new List<string>());
        foreach (var value in values)
        {
            if (File.Exists(value))
            {
                files.Add(Path.GetFullPath(value));
            }
            else
            {
                ids.Add(Resolve(catalog, value, "--example"));
            }
        }

        return (ids, files);
    }

    private static string Resolve(VideoCatalog catalog, string value, string option) =>
        catalog.FindByPrefix(value)?.Id
        ?? throw new SearchException(SearchError.NotFound, string.Create(CultureInfo.InvariantCulture, $"{option} '{value}' is neither a file nor a video of the library (id or unique prefix)"));
}
