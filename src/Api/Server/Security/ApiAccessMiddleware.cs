using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cbvr.Api.Server.Security;

/// <summary>
/// The API key check. It runs after routing, so it knows the endpoint: writes (<see cref="EndpointAccess.IsWrite"/>) always need
/// the key; reads need it as <see cref="ApiOptions.ReadAccess"/> says. Endpoints marked <see cref="IAllowAnonymous"/>
/// (<c>/health/live</c>) pass, and so do requests that matched no route handler: they only get an error (404 unknown path,
/// 405 wrong method, 415 wrong content type, answered by routing's own endpoints); static files are served before routing. The caller's address is the connection's: <c>X-Forwarded-For</c> is never trusted. A null remote address is an
/// in-process caller (the test server) and counts as local.
/// </summary>
public sealed class ApiAccessMiddleware(RequestDelegate next, ApiKey key, IOptions<ApiOptions> options)
{
    public const string KeyHeader = "X-Api-Key";

    /// <summary>
    /// The cookie the web UI sets with the key, for reads only: images, the video player and event streams cannot send headers.
    /// Writes never accept it (a cookie travels with requests other pages make; SameSite=Strict limits that, the header rule ends it).
    /// </summary>
    public const string ReadCookie = "cbvr-key";

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not RouteEndpoint || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        var write = EndpointAccess.IsWrite(context.Request.Method, endpoint.Metadata.GetMetadata<ReadEndpointAttribute>() is not null);
        var remote = context.Connection.RemoteIpAddress;
        var needsKey = write || options.Value.ReadAccess switch
        {
            ReadAccess.Anyone => false,
            ReadAccess.Key => true,
            _ => !IsLocal(remote),
        };
        if (!needsKey)
        {
            return next(context);
        }

        var presented = PresentedKey(context.Request) ?? (write ? null : context.Request.Cookies[ReadCookie]);
        if (key.Matches(presented))
        {
            return next(context);
        }

        var what = write ? $"{context.Request.Method} {context.Request.Path} changes data" : $"reads from {remote} (Api:ReadAccess = {options.Value.ReadAccess})";
        var why = presented is null
            ? $"no API key was sent (header {KeyHeader} or Authorization: Bearer{(write ? "" : $", or the {ReadCookie} cookie the web UI sets")})"
            : "the API key sent is wrong";
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"cbvr\"";
        return TypedResults.Problem($"{what}, which needs the API key: {why}", statusCode: StatusCodes.Status401Unauthorized, title: "API key required").ExecuteAsync(context);
    }

    /// <summary>Loopback (IPv4, IPv6, IPv4 mapped into IPv6), or null: a caller inside this process.</summary>
    public static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[KeyHeader] is { Count: > 0 } header)
        {
            return header.ToString();
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
