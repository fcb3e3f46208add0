using System.Reflection;
using Cbvr.Api.Server.Observability;
using Cbvr.Api.Server.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cbvr.Api.Server.Docs;

/// <summary>
/// The OpenAPI document's own parts: title, version, description, the API-key security scheme, and <c>/metrics</c> (a
/// Prometheus endpoint, not a route handler, so the generator cannot see it).
/// </summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Cbvr API",
            Version = typeof(ApiDocumentTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0",
            Description = "Content-based video retrieval: ingest videos, browse the library, search by text, example or concept, and teach new concepts. "
                + $"Write operations need the API key (header {ApiAccessMiddleware.KeyHeader} or Authorization: Bearer); reads are open on loopback "
                + "unless Api:ReadAccess says otherwise. Every error is an RFC 7807 problem document.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAccessMiddleware.KeyHeader,
            Description = "The server's API key (Api:ApiKey, or DATA/api-key when generated). Authorization: Bearer KEY works too.",
        };
        document.Paths ??= new OpenApiPaths();
        document.Paths[ObservabilityExtensions.MetricsPath] = MetricsPath();
        return Task.CompletedTask;
    }

    private static OpenApiPathItem MetricsPath() => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new OpenApiOperation
            {
                OperationId = "Metrics",
                Summary = "Prometheus metrics (text exposition format): HTTP, process, catalog size, jobs, search latency.",
                Tags = new HashSet<OpenApiTagReference> { new("Health") },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "OK",
                        Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                    },
                },
            },
        },
    };
}
