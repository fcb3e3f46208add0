using Cbvr.Ingest.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cbvr.Api.Server.Observability;

/// <summary>Readiness: the catalog opens and answers a trivial query.</summary>
public sealed class CatalogHealthCheck(VideoCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{catalog.Count()} videos"));
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"catalog cannot be read: {e.Message}"));
        }
    }
}
