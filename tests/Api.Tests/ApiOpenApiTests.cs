using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cbvr.Api.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// The OpenAPI document covers every API endpoint the app has (found in its endpoint data source, so endpoints added later
/// are checked too), marks writes as needing the key, and the reference page at /api-docs loads only this server's scripts.
/// </summary>
public sealed partial class ApiOpenApiTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Document_IsOpenApi3_WithTitleAndTheApiKeyScheme()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.Str("openapi"), StringComparison.Ordinal);
        Assert.Equal("Cbvr API", document.GetProperty("info").Str("title"));
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").Str("version")));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.Str("type"));
        Assert.Equal("header", scheme.Str("in"));
        Assert.Equal("X-Api-Key", scheme.Str("name"));
    }

    [Fact]
    public async Task Document_HasEveryApiHealthAndMetricsEndpoint_WithItsMethods_AndWritesNeedTheKey()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: Normalize(e.RoutePattern.RawText ?? ""), Endpoint: e))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) || e.Path.StartsWith("/health/", StringComparison.Ordinal) || e.Path == "/metrics")
            .ToList();
        var documented = paths.EnumerateObject().ToDictionary(p => Normalize(p.Name), p => p.Value);

        Assert.Contains(endpoints, e => e.Path == "/api/search");
        Assert.Contains(endpoints, e => e.Path == "/metrics");
        foreach (var (path, endpoint) in endpoints)
        {
            Assert.True(documented.TryGetValue(path, out var item), $"{path} is not in the OpenAPI document");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the OpenAPI document");
                var write = EndpointAccess.IsWrite(method, endpoint.Metadata.GetMetadata<ReadEndpointAttribute>() is not null);
                Assert.True(write == operation.TryGetProperty("security", out _), $"{method} {path}: security requirement should be {(write ? "present" : "absent")}");
            }
        }
    }

    [Fact]
    public async Task ApiDocs_IsHtml_LoadingOnlyThisServersScripts()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api-docs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        var page = response.RequestMessage!.RequestUri!;

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("scalar.js", scripts);
        long total = 0;
        foreach (var src in scripts)
        {
            var url = new Uri(page, src);
            Assert.True(url.Host == page.Host, $"script {src} is not served by this server");
            using var script = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            total += (await script.Content.ReadAsByteArrayAsync()).Length;
        }

        Assert.True(total > 500_000, $"the scripts total {total} bytes: the Scalar bundle is missing");
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Route parameters without their constraints (<c>{id:long}</c> → <c>{id}</c>), no trailing slash.</summary>
    private static string Normalize(string route)
    {
        var path = RouteParameter().Replace("/" + route.TrimStart('/'), "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("""<script[^>]*\ssrc\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
