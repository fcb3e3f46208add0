namespace Cbvr.Api.Server.Security;

/// <summary>The one rule that says which requests are writes (the access middleware and the OpenAPI document both use it).</summary>
public static class EndpointAccess
{
    /// <summary>A write is any method but GET and HEAD, unless the endpoint carries <see cref="ReadEndpointAttribute"/>.</summary>
    public static bool IsWrite(string method, bool markedRead) => !markedRead && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
}
