using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cbvr.Api.Server.Observability;

/// <summary>
/// /health/live (the process answers, plain text <c>Healthy</c>; always open, no checks) and /health/ready (catalog, search index, models; 503 when a
/// check fails, 200 when healthy or degraded). Route handlers rather than <c>MapHealthChecks</c> so the OpenAPI document
/// describes them with their body.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Text(nameof(HealthStatus.Healthy)))
            .WithName("Live").WithSummary("Liveness: the server process answers (plain text \"Healthy\").").Produces<string>(StatusCodes.Status200OK, "text/plain").AllowAnonymous();
        group.MapGet("/ready", Ready)
            .WithName("Ready").WithSummary("Readiness: catalog, search index and models, each with its status.")
            .Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<HealthDto>, JsonHttpResult<HealthDto>>> Ready(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), cancellationToken).ConfigureAwait(false);
        var body = HealthDto.From(report);
        return report.Status == HealthStatus.Unhealthy ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(body);
    }
}
