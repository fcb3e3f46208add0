using System.Net.Http.Headers;
using System.Text;
using Cbvr.Search.Queries;

namespace Cbvr.Api.Bench;

/// <summary>
/// One request of the load: its kind (text, example, similar, list, detail, ...), the HTTP call, and the same search as an
/// in-process request for the floor (null for reads that are not searches).
/// </summary>
public sealed record BenchQuery(string Kind, HttpMethod Method, string Path, string? Json, SearchRequest? Search)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    /// <summary>A fresh request message (a message can be sent only once).</summary>
    public HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Json is not null)
        {
            request.Content = new StringContent(Json, Encoding.UTF8, JsonType);
        }

        return request;
    }

    public override string ToString() => Json is null ? $"{Method} {Path}" : $"{Method} {Path} {Json}";
}
