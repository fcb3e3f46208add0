using System.Text;
using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>Reads a <c>text/event-stream</c> response event by event, as a browser's EventSource would.</summary>
public sealed class ServerSentEvents(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>Opens <paramref name="url"/> and returns once the response headers are in (the server is subscribed then).</summary>
    public static async Task<(HttpResponseMessage Response, ServerSentEvents Events)> OpenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new ServerSentEvents(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event (type and JSON data); null when the stream ended.</summary>
    public async Task<(string Type, JsonElement Data)?> NextAsync(CancellationToken cancellationToken)
    {
        string? type = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return (type ?? "message", JsonHelpers.Parse(data.ToString()));
                }

                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line["data:".Length..].TrimStart());
            }
        }

        return null;
    }

    /// <summary>Events until one satisfies <paramref name="last"/> (included); fails when the stream ends first.</summary>
    public async Task<List<JsonElement>> ReadUntilAsync(Func<JsonElement, bool> last, CancellationToken cancellationToken)
    {
        var seen = new List<JsonElement>();
        try
        {
            while (await NextAsync(cancellationToken) is { } e)
            {
                Assert.Equal("job", e.Type);
                seen.Add(e.Data);
                if (last(e.Data))
                {
                    return seen;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            throw new TimeoutException("no awaited event before the time-out; saw: " + string.Join("\n", seen), e);
        }

        throw new InvalidOperationException("the event stream ended before the awaited event; saw: " + string.Join("\n", seen));
    }

    /// <summary>Every event until the server ends the stream.</summary>
    public async Task<List<JsonElement>> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var seen = new List<JsonElement>();
        while (await NextAsync(cancellationToken) is { } e)
        {
            seen.Add(e.Data);
        }

        return seen;
    }

    public void Dispose() => _reader.Dispose();
}
