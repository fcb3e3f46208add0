using Cbvr.Api.Server.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cbvr.Api.Server.Docs;

/// <summary>Marks write operations (<see cref="EndpointAccess.IsWrite"/>) as needing the API key, and says so in a 401 response.</summary>
public sealed class ApiKeyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var markedRead = description.ActionDescriptor.EndpointMetadata.OfType<ReadEndpointAttribute>().Any();
        if (description.HttpMethod is { } method && EndpointAccess.IsWrite(method, markedRead))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.SchemeName, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "The API key is missing or wrong (problem document)." });
        }

        return Task.CompletedTask;
    }
}
