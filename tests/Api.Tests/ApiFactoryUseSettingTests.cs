using System.Net;
using Cbvr.Ingest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// <c>WebApplicationFactory</c> hands <c>UseSetting</c> values to the entry point as <c>--key=value</c> arguments, parent
/// sections included (<c>--Storage=</c>, since .NET 10 keeps null configuration values); the app must start and see them.
/// </summary>
public sealed class ApiFactoryUseSettingTests
{
    [Fact]
    public async Task Factory_WithUseSettingOfANestedKey_StartsTheAppAndTheSettingReachesIt()
    {
        await using var factory = new UseSettingFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/videos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Path.GetFullPath(factory.DataDirectory), factory.Services.GetRequiredService<DataDirectory>().Root);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "catalog.db")), "catalog.db was not created in the directory given by UseSetting");
    }

    private sealed class UseSettingFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting("Storage:DataDirectory", DataDirectory).UseSetting("Models:Directory", Cli.ModelsDirectory).UseSetting("Analysis:Enabled", "false");
    }
}
