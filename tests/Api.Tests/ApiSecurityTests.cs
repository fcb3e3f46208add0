using System.Net;
using System.Net.Http.Headers;
using Cbvr.Api.Server.Security;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>
/// The API key: writes always need it, reads need it from non-loopback callers (Api:ReadAccess = Loopback), and a key
/// generated on first run is saved (0600) and reused. Writes are tried on the test factory's write endpoint (204 once the key
/// is accepted).
/// </summary>
public sealed class ApiSecurityTests : IAsyncLifetime
{
    private const string Remote = "10.1.2.3";
    private static readonly Uri Write = new(HookedApiFactory.WritePath, UriKind.Relative);
    private static readonly Uri Read = new("/api/videos", UriKind.Relative);

    private readonly HookedApiFactory _factory = new(new Dictionary<string, string?>());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Write_WithoutKey_Is401ProblemWithWwwAuthenticate()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync(Write, null);

        await AssertUnauthorizedAsync(response, "no API key was sent");
    }

    [Fact]
    public async Task Write_WithWrongKey_Is401()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiAccessMiddleware.KeyHeader, "not-the-key");
        using var response = await client.PostAsync(Write, null);

        await AssertUnauthorizedAsync(response, "the API key sent is wrong");
    }

    [Fact]
    public async Task Write_WithKeyHeader_PassesTheCheck()
    {
        using var client = _factory.CreateWriteClient();
        using var response = await client.PostAsync(Write, null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Write_WithBearerKey_PassesTheCheck_AndWrongBearerDoesNot()
    {
        using var client = _factory.CreateClient();
        using var right = new HttpRequestMessage(HttpMethod.Post, Write) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.ApiKey) } };
        using var wrong = new HttpRequestMessage(HttpMethod.Post, Write) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.ApiKey + "x") } };

        using var accepted = await client.SendAsync(right);
        using var refused = await client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Read_FromLoopback_NeedsNoKey_ButFromAnotherAddressItDoes()
    {
        using var local = _factory.CreateClient();
        using var remote = _factory.CreateClientFrom(Remote);
        using var remoteWithKey = _factory.CreateClientFrom(Remote);
        remoteWithKey.DefaultRequestHeaders.Add(ApiAccessMiddleware.KeyHeader, ApiFactory.ApiKey);

        using var localResponse = await local.GetAsync(Read);
        using var remoteResponse = await remote.GetAsync(Read);
        using var keyedResponse = await remoteWithKey.GetAsync(Read);

        Assert.Equal(HttpStatusCode.OK, localResponse.StatusCode);
        await AssertUnauthorizedAsync(remoteResponse, Remote);
        Assert.Equal(HttpStatusCode.OK, keyedResponse.StatusCode);
    }

    [Fact]
    public async Task KeyCookie_OpensReadsFromAnotherAddress_ButNeverWrites()
    {
        using var remote = _factory.CreateClientFrom(Remote);
        remote.DefaultRequestHeaders.Add("Cookie", $"{ApiAccessMiddleware.ReadCookie}={ApiFactory.ApiKey}");
        using var wrongCookie = _factory.CreateClientFrom(Remote);
        wrongCookie.DefaultRequestHeaders.Add("Cookie", $"{ApiAccessMiddleware.ReadCookie}=not-the-key");

        using var read = await remote.GetAsync(Read);
        using var wrongRead = await wrongCookie.GetAsync(Read);
        using var write = await remote.PostAsync(Write, null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Fact]
    public async Task Read_FromAnotherAddress_ClaimingLoopbackInXForwardedFor_IsStill401()
    {
        using var remote = _factory.CreateClientFrom(Remote);
        remote.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");
        using var response = await remote.GetAsync(Read);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SearchPost_IsAReadEndpoint_SoLoopbackNeedsNoKey()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/search", UriKind.Relative), JsonContent("""{"text":"dog"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LivenessAndStaticUi_AreOpenToEveryone()
    {
        using var remote = _factory.CreateClientFrom(Remote);
        using var live = await remote.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var page = await remote.GetAsync(new Uri("/", UriKind.Relative));
        using var ready = await remote.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, ready.StatusCode);
    }

    [Fact]
    public async Task ReadAccessAnyone_LetsOtherAddressesRead_ButWritesStillNeedTheKey()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Api:ReadAccess"] = "Anyone" });
        using var remote = factory.CreateClientFrom(Remote);

        using var read = await remote.GetAsync(Read);
        using var write = await remote.PostAsync(Write, null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Fact]
    public async Task ReadAccessKey_MakesEvenLoopbackReadsNeedTheKey()
    {
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Api:ReadAccess"] = "Key" });
        using var local = factory.CreateClient();
        using var keyed = factory.CreateWriteClient();

        using var refused = await local.GetAsync(Read);
        using var accepted = await keyed.GetAsync(Read);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task NoConfiguredKey_GeneratesOneInDataApiKeyWithMode0600_AndTheNextRunReusesIt()
    {
        var data = TestMedia.NewFolder("cbvr-api-key-");
        try
        {
            var settings = new Dictionary<string, string?> { ["Api:ApiKey"] = "", ["Storage:DataDirectory"] = data };
            var file = Path.Combine(data, ApiKey.FileName);
            string first;
            await using (var factory = new HookedApiFactory(settings))
            {
                using var client = factory.CreateClient();
                using var refused = await client.PostAsync(Write, null);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                Assert.True(File.Exists(file), $"{file} was not written");
                first = File.ReadAllText(file).Trim();
                Assert.Equal(43, first.Length); // 32 bytes, base64url without padding
                Assert.Matches("^[A-Za-z0-9_-]+$", first);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }

                client.DefaultRequestHeaders.Add(ApiAccessMiddleware.KeyHeader, first);
                using var accepted = await client.PostAsync(Write, null);
                Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
            }

            await using (var restarted = new HookedApiFactory(settings))
            {
                using var client = restarted.CreateClient();
                client.DefaultRequestHeaders.Add(ApiAccessMiddleware.KeyHeader, first);
                using var accepted = await client.PostAsync(Write, null);
                Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
                Assert.Equal(first, File.ReadAllText(file).Trim());
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080")]
    [InlineData("http://[::]:9000", "http://127.0.0.1:9000")]
    [InlineData("http://+:80", "http://127.0.0.1:80")]
    [InlineData("http://192.168.1.5:8080", "http://192.168.1.5:8080")]
    public void GeneratedKeyUrl_UsesAnAddressABrowserCanOpen(string listening, string expected) =>
        Assert.Equal(expected, ApiKeyAnnouncer.BrowsableAddress(listening));

    internal static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detailPart)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(401, problem.Int("status"));
        Assert.Contains(detailPart, problem.Str("detail"), StringComparison.Ordinal);
    }
}
