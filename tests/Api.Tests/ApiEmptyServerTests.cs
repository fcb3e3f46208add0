using System.Net;
using Cbvr.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>The in-memory server over a fresh, empty data directory.</summary>
public sealed class ApiEmptyServerTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task DataDirectorySetting_ReachesTheApp_AndTheCatalogIsCreatedThere()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/videos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Path.GetFullPath(_factory.DataDirectory), _factory.Services.GetRequiredService<DataDirectory>().Root);
        Assert.True(File.Exists(Path.Combine(_factory.DataDirectory, "catalog.db")), "catalog.db was not created in the configured data directory");
    }

    [Fact]
    public async Task ListVideos_OnAnEmptyLibrary_Returns200WithNoItemsAndTotalZero()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/videos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var page = await response.ReadJsonAsync();
        Assert.Empty(page.GetProperty("items").Items());
        Assert.Equal(0, page.Int("total"));
        Assert.Equal(0, page.Int("offset"));
        Assert.Equal(100, page.Int("limit"));
    }

    [Fact]
    public async Task ListJobs_OnAnEmptyLibrary_ReturnsAnEmptyArray()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadJsonAsync()).Items());
    }

    [Fact]
    public async Task Root_ServesTheWebUi_AndItsScriptsAndStyles()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Cbvr</title>", html, StringComparison.Ordinal);
        foreach (var (path, type) in new[] { ("/js/app.js", "text/javascript"), ("/css/app.css", "text/css") })
        {
            Assert.Contains($"\"{path}\"", html, StringComparison.Ordinal);
            using var asset = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task HealthLive_Returns200Healthy()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownPath_Returns404()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
