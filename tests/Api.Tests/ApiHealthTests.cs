using System.Net;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>/health/live is trivial; /health/ready runs the catalog, search index and models checks and reports each.</summary>
public sealed class ApiHealthTests
{
    [Fact]
    public async Task Live_Is200HealthyText()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_ReportsCatalogSearchAndModels()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("catalog").Str("status"));
        Assert.Equal("0 videos", checks.GetProperty("catalog").Str("description"));
        Assert.Equal("Healthy", checks.GetProperty("search").Str("status"));
        var packPresent = Cli.PackDirectory.Length > 0;
        Assert.Equal(packPresent ? "Healthy" : "Degraded", checks.GetProperty("models").Str("status"));
        Assert.Equal(packPresent ? "Healthy" : "Degraded", report.Str("status"));
    }

    [Fact]
    public async Task Ready_WithoutTheModelPack_IsDegradedNotUnhealthy()
    {
        var missing = Path.Combine(TestMedia.NewFolder("cbvr-no-pack-"), "absent");
        await using var factory = new HookedApiFactory(new Dictionary<string, string?> { ["Models:PackDirectory"] = missing });
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal("Degraded", report.Str("status"));
        var models = report.GetProperty("checks").GetProperty("models");
        Assert.Equal("Degraded", models.Str("status"));
        Assert.Contains("coco", models.Str("description"), StringComparison.Ordinal);
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("catalog").Str("status"));
    }
}
