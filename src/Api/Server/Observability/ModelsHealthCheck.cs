using Cbvr.Features.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cbvr.Api.Server.Observability;

/// <summary>
/// Readiness: the models directory is there and every required model verified. Models of the optional pack that are absent
/// make the server degraded (it searches, with fewer detectors), not unhealthy.
/// </summary>
public sealed class ModelsHealthCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(registry.ModelsDirectory))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"models directory {registry.ModelsDirectory} not found (Models:Directory)"));
        }

        IReadOnlyList<ModelEntry> entries;
        try
        {
            entries = registry.Entries;
        }
        catch (ModelException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(e.Message));
        }

        var disabled = entries.Where(e => !e.Available).ToList();
        var available = entries.Count - disabled.Count;
        return Task.FromResult(disabled.Count == 0
            ? HealthCheckResult.Healthy($"{available} models")
            : HealthCheckResult.Degraded($"{available} models; disabled: {string.Join(", ", disabled.Select(d => $"{d.Name} ({d.DisabledReason})"))}"));
    }
}
