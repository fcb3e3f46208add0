using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cbvr.Api.Server.Observability;

/// <summary>A health report: the overall status (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>) and each check's.</summary>
public sealed record HealthDto(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckDto> Checks)
{
    public static HealthDto From(HealthReport report) => new(
        report.Status.ToString(),
        Math.Round(report.TotalDuration.TotalMilliseconds, 1),
        report.Entries.ToDictionary(e => e.Key, e => new HealthCheckDto(e.Value.Status.ToString(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1))));
}

/// <summary>One check of a health report.</summary>
public sealed record HealthCheckDto(string Status, string? Description, double DurationMs);
