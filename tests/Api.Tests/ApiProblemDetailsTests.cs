using System.Net;
using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>Every API error is an RFC 7807 problem document (application/problem+json), and a 500 tells the client nothing internal.</summary>
public sealed class ApiProblemDetailsTests : IAsyncLifetime
{
    private readonly HookedApiFactory _factory = new(new Dictionary<string, string?>());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task UnknownApiRoute_Is404Problem()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethodOnAKnownRoute_Is405Problem()
    {
        using var client = _factory.CreateWriteClient();
        using var response = await client.PutAsync(new Uri("/api/videos", UriKind.Relative), ApiSecurityTests.JsonContent("{}"));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task NonJsonBodyForAJsonEndpoint_Is415Problem()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/search", UriKind.Relative), new StringContent("text=dog", System.Text.Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task MalformedJson_Is400Problem()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/search", UriKind.Relative), ApiSecurityTests.JsonContent("""{"text": """));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnhandledException_Is500Problem_WithoutTheExceptionOrStackTrace()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri(HookedApiFactory.ThrowPath, UriKind.Relative));

        var body = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret internal detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonHelpers.Parse(body);
        Assert.Equal((int)status, problem.Int("status"));
        Assert.Equal(JsonValueKind.String, problem.GetProperty("title").ValueKind);
        return body;
    }
}
