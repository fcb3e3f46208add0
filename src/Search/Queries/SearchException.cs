namespace Cbvr.Search.Queries;

/// <summary>Why a search request cannot be answered; the API maps it to a 4xx status, the CLI to exit code 2.</summary>
public enum SearchError
{
    BadRequest,
    NotFound,
    UnsupportedMedia,
}

/// <summary>A search request that cannot be answered, with a message naming the input and the cause.</summary>
public sealed class SearchException(SearchError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public SearchError Error { get; } = error;
}
