using System.Globalization;
using Cbvr.Api.Server.Security;
using Cbvr.Api.Server.Uploads;
using Cbvr.Ingest;
using Cbvr.Search.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Server;

/// <summary>
/// /api/search: text queries (GET, <c>?q=</c>), full requests (POST: text, example video ids, filters, reranking, grouping,
/// relevance feedback), an uploaded example clip or image, and "more like this" for a library video.
/// </summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search")
            .WithMetadata(new ReadEndpointAttribute()).RequireRateLimiting(RateLimits.Search).AddEndpointFilter<Observability.SearchMetricsFilter>();
        group.MapGet("/", Get).WithName("SearchText")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Search by text: concepts, transcripts and on-screen text");
        group.MapPost("/", Post).WithName("Search")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Search with a full request: text, example video ids, filters, reranking, grouping, relevance feedback (relevant/irrelevant ids)");
        group.MapPost("/upload", Upload).WithName("SearchByUpload")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Search by an uploaded example clip or image (multipart part 'file'; optional fields text, limit, rerank, group, explain)")
            .AcceptsMultipart("the example clip or image; deleted once the search is answered", "text", "limit", "rerank", "group", "explain");
        group.MapGet("/similar/{id}", Similar).WithName("SearchSimilar")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("More like this: the library video as the example, itself left out");
        return app;
    }

    public static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Get(
        SearchService search, CancellationToken cancellationToken, string? q = null, int? limit = null, bool? rerank = null, bool group = false, bool explain = false) =>
        RunAsync(search, new SearchRequest { Text = q, Limit = limit, Rerank = rerank, Group = group, Explain = explain }, cancellationToken);

    /// <summary>Server-side file paths are not accepted as examples over HTTP (only library video ids, or uploads).</summary>
    public static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Post(SearchService search, SearchRequest request, CancellationToken cancellationToken) =>
        request.ExampleFiles.Count > 0
            ? Task.FromResult<Results<Ok<SearchResponse>, ProblemHttpResult>>(BadQuery("exampleFiles: server-side paths are not accepted; give library video ids in exampleIds, or upload the clip to /api/search/upload"))
            : RunAsync(search, request, cancellationToken);

    public static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Similar(
        string id, SearchService search, CancellationToken cancellationToken, int? limit = null, bool? rerank = null, bool group = false, bool explain = false) =>
        RunAsync(search, new SearchRequest { ExampleIds = [id], Exclude = [id], Limit = limit, Rerank = rerank, Group = group, Explain = explain }, cancellationToken);

    /// <summary>The uploaded files are analysed as examples in DATA/examples and deleted once the search is answered.</summary>
    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Upload(
        HttpRequest request, SearchService search, DataDirectory data, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        UploadedForm form;
        try
        {
            form = await MultipartUpload.ReadAsync(request, UploadFolders.Examples(data), options.Value.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: "Bad upload");
        }

        try
        {
            if (form.Files.Count == 0)
            {
                return BadQuery($"no example in the request: send the clip or image in a multipart part named '{MultipartUpload.FilePart}' with a file name");
            }

            if (Field<int>(form, "limit", out var limit) is { } badLimit)
            {
                return badLimit;
            }

            if (Field<bool>(form, "rerank", out var rerank) is { } badRerank)
            {
                return badRerank;
            }

            if (Field<bool>(form, "group", out var group) is { } badGroup)
            {
                return badGroup;
            }

            if (Field<bool>(form, "explain", out var explain) is { } badExplain)
            {
                return badExplain;
            }

            var query = new SearchRequest
            {
                Text = form.Fields.GetValueOrDefault("text"),
                ExampleFiles = [.. form.Files.Select(f => f.Path)],
                Limit = limit,
                Rerank = rerank,
                Group = group ?? false,
                Explain = explain ?? false,
            };
            // Problems name the uploaded file as the client called it, not where the server put it.
            return await RunAsync(search, query, cancellationToken, message => form.Files.Aggregate(message, (m, f) => m.Replace(f.Path, f.FileName, StringComparison.Ordinal))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var file in form.Files)
            {
                UploadFolders.Delete(file.Path);
            }
        }
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> RunAsync(
        SearchService search, SearchRequest request, CancellationToken cancellationToken, Func<string, string>? describe = null)
    {
        try
        {
            return TypedResults.Ok(await search.SearchAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (SearchException e)
        {
            var (status, title) = e.Error switch
            {
                SearchError.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                SearchError.UnsupportedMedia => (StatusCodes.Status415UnsupportedMediaType, "Unsupported example"),
                _ => (StatusCodes.Status400BadRequest, "Bad query"),
            };
            return TypedResults.Problem(describe is null ? e.Message : describe(e.Message), statusCode: status, title: title);
        }
    }

    /// <summary>A form field parsed as <typeparamref name="T"/> (null when absent); a problem naming the field when it does not parse.</summary>
    private static ProblemHttpResult? Field<T>(UploadedForm form, string name, out T? value)
        where T : struct, IParsable<T>
    {
        value = null;
        if (!form.Fields.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (T.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return null;
        }

        return BadQuery($"form field '{name}' is '{text}', not a valid {(typeof(T) == typeof(bool) ? "boolean (true or false)" : "integer")}");
    }

    private static ProblemHttpResult BadQuery(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
}
