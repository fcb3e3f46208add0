namespace Cbvr.Api.Server.Security;

/// <summary>
/// Endpoint metadata: a POST that only reads (a search with a JSON body or an uploaded example), so it follows the read rule
/// (<see cref="ApiOptions.ReadAccess"/>), not the write rule (API key). GET and HEAD are reads without it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadEndpointAttribute : Attribute;
