using Scalar.AspNetCore;

namespace Cbvr.Api.Server.Docs;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the Scalar API reference page (<c>/api-docs</c>). Scalar's script is the
/// one embedded in the package and served by this server; its CDN fonts, telemetry and hosted AI agent are off, so the page
/// makes no request beyond this server.
/// </summary>
public static class ApiDocsExtensions
{
    public const string DocsPath = "/api-docs";

    public static IServiceCollection AddCbvrApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<ApiDocumentTransformer>();
            o.AddOperationTransformer<ApiKeyOperationTransformer>();
        });

    public static IEndpointRouteBuilder MapCbvrApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(DocsPath, o => o
            .WithTitle("Cbvr API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(ApiDocumentTransformer.SchemeName));
        return app;
    }
}
