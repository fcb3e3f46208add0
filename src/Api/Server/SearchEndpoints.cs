using Cbvr.Search.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cbvr.Api.Server;

/// <summary>
/// /api/search: text queries (GET, <c>?q=</c>) and full requests (POST: text, example video ids, filters, reranking, grouping,
/// relevance feedback). Examples are library video ids here; uploading example clips is the REST issue's.
/// </summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search").WithMetadata(new Security.ReadEndpointAttribute()).RequireRateLimiting(Security.RateLimits.Search).AddEndpointFilter<Observability.SearchMetricsFilter>();
        group.MapGet("/", Get).WithName("SearchText");
        group.MapPost("/", Post).WithName("Search");
        return app;
    }

    public static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Get(
        SearchService search, CancellationToken cancellationToken, string? q = null, int? limit = null, bool? rerank = null, bool group = false, bool explain = false) =>
        RunAsync(search, new SearchRequest { Text = q, Limit = limit, Rerank = rerank, Group = group, Explain = explain }, cancellationToken);

    /// <summary>Server-side file paths are not accepted as examples over HTTP (only library video ids).</summary>
    public static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Post(SearchService search, SearchRequest request, CancellationToken cancellationToken) =>
        request.ExampleFiles.Count > 0
            ? Task.FromResult<Results<Ok<SearchResponse>, ProblemHttpResult>>(TypedResults.Problem("exampleFiles: server-side paths are not accepted; give library video ids in exampleIds", statusCode: StatusCodes.Status400BadRequest, title: "Bad query"))
            : RunAsync(search, request, cancellationToken);

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> RunAsync(SearchService search, SearchRequest request, CancellationToken cancellationToken)
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
            return TypedResults.Problem(e.Message, statusCode: status, title: title);
        }
    }
}
