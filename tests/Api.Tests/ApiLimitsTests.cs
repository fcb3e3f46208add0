using System.Net;

namespace Cbvr.Api.Tests;

/// <summary>Request body limit (413), search rate limit per client address (429 with Retry-After), CORS only when configured.</summary>
public sealed class ApiLimitsTests
{
    private static readonly Uri Search = new("/api/search", UriKind.Relative);

    /// <summary>On real Kestrel: the in-memory test server enforces no body size limit.</summary>
    [Fact]
    public async Task JsonBodyOverMaxRequestBodyBytes_Is413Problem()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "1000" }, kestrel: true);
        using var client = factory.CreateClient();

        using var small = await client.PostAsync(Search, ApiSecurityTests.JsonContent($$"""{"text":"{{new string('a', 100)}}"}"""));
        using var large = await client.PostAsync(Search, ApiSecurityTests.JsonContent($$"""{"text":"{{new string('a', 5000)}}"}"""));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await large.ReadJsonAsync()).Int("status"));
    }

    [Fact]
    public async Task SearchBurstOverTheLimit_Gets429WithRetryAfter_WhileAnotherClientIsServed()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Api:SearchRequestsPerSecond"] = "1", ["Api:ReadAccess"] = "Anyone" });
        using var busy = factory.CreateClientFrom("10.0.0.1");
        using var other = factory.CreateClientFrom("10.0.0.2");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await busy.GetAsync(new Uri("/api/search?q=dog", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && rejected is null)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using var otherResponse = await other.GetAsync(new Uri("/api/search?q=dog", UriKind.Relative));

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(rejected);
        using (rejected)
        {
            Assert.True(rejected.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {rejected.Headers.RetryAfter}");
            Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
            Assert.Equal(429, (await rejected.ReadJsonAsync()).Int("status"));
        }

        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task SearchLimitZero_NeverRejects()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Api:SearchRequestsPerSecond"] = "0" });
        using var client = factory.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/search?q=dog", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task CorsOriginsConfigured_PreflightAndRequestsFromThatOriginGetCorsHeaders_OthersDoNot()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Api:CorsOrigins:0"] = "http://ui.example" });
        using var client = factory.CreateClient();

        using var preflight = await client.SendAsync(Preflight("http://ui.example"));
        using var get = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/videos") { Headers = { { "Origin", "http://ui.example" } } });
        using var stranger = await client.SendAsync(Preflight("http://evil.example"));

        Assert.True(preflight.IsSuccessStatusCode, $"preflight: {preflight.StatusCode}");
        Assert.Equal("http://ui.example", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal("http://ui.example", Header(get, "Access-Control-Allow-Origin"));
        Assert.Null(Header(stranger, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task NoCorsOrigins_NoCorsHeadersAtAll()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?>());
        using var client = factory.CreateClient();

        using var preflight = await client.SendAsync(Preflight("http://ui.example"));
        using var get = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/videos") { Headers = { { "Origin", "http://ui.example" } } });

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(get, "Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/api/search")
    {
        Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "content-type,x-api-key" } },
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
