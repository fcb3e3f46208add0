using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cbvr.Api.Tests;

/// <summary>
/// The real server with extra settings (they override <see cref="ApiFactory"/>'s), and test-only hooks placed around the
/// app's own pipeline: requests carrying <see cref="RemoteIpHeader"/> come from that address (the test server has no
/// network peer, so its callers otherwise have no address and count as local); <c>POST</c> <see cref="WritePath"/> is a
/// write endpoint (chosen before the app's routing, which then keeps it) that answers 204; <see cref="ThrowPath"/>, reached
/// when no endpoint matched, throws so the app's exception handling can be seen. With <c>kestrel: true</c> the server
/// is real Kestrel on a loopback port instead of the in-memory test server.
/// </summary>
public sealed class HookedApiFactory : ApiFactory
{
    public const string RemoteIpHeader = "X-Test-Remote-Ip";

    public const string ThrowPath = "/api/_test/throw";

    public const string WritePath = "/api/_test/write";

    private static readonly RouteEndpoint WriteEndpoint = new(
        context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        },
        RoutePatternFactory.Parse(WritePath),
        0,
        new EndpointMetadataCollection(new HttpMethodMetadata([HttpMethods.Post])),
        "test write");

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public HookedApiFactory(IReadOnlyDictionary<string, string?> settings, bool kestrel = false)
    {
        _settings = settings;
        if (kestrel)
        {
            UseKestrel();
            StartServer();
        }
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (e.g. 10.1.2.3, not loopback).</summary>
    public HttpClient CreateClientFrom(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(RemoteIpHeader, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestHooks>());
    }

    private sealed class TestHooks : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteIpHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                if (context.Request.Path == WritePath && HttpMethods.IsPost(context.Request.Method))
                {
                    context.SetEndpoint(WriteEndpoint);
                }

                return nextMiddleware(context);
            });
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path == ThrowPath ? throw new InvalidOperationException("secret internal detail: test failure at " + ThrowPath) : nextMiddleware(context));
        };
    }
}
