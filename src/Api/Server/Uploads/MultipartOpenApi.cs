using Microsoft.OpenApi;

namespace Cbvr.Api.Server.Uploads;

/// <summary>
/// Describes a streamed multipart endpoint's body in the OpenAPI document. <c>Accepts&lt;T&gt;("multipart/form-data")</c> would
/// also make routing refuse other content types with a bare 415; the endpoint answers those itself with a detail saying why.
/// </summary>
public static class MultipartOpenApi
{
    /// <summary>Parts named <c>file</c> (one or more files) and the optional text <paramref name="fields"/>.</summary>
    public static RouteHandlerBuilder AcceptsMultipart(this RouteHandlerBuilder builder, string description, params string[] fields) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var properties = new Dictionary<string, IOpenApiSchema>
            {
                [MultipartUpload.FilePart] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    Description = description,
                },
            };
            foreach (var field in fields)
            {
                properties[field] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = new HashSet<string> { MultipartUpload.FilePart } },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
