using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Cbvr.Api.Server.Observability;

/// <summary>Health checks and Prometheus metrics: registration, the HTTP metrics middleware and the endpoints.</summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddCbvrObservability(this IServiceCollection services)
    {
        services.AddSingleton<CbvrMetrics>();
        services.AddSingleton<SearchHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<CatalogHealthCheck>("catalog", tags: [HealthEndpoints.ReadyTag])
            .Add(new HealthCheckRegistration("search", sp => sp.GetRequiredService<SearchHealthCheck>(), HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]))
            .AddCheck<ModelsHealthCheck>("models", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>After <c>UseRouting</c>, so requests are labelled with their route pattern, not their raw path.</summary>
    public static IApplicationBuilder UseCbvrHttpMetrics(this IApplicationBuilder app)
    {
        var registry = app.ApplicationServices.GetRequiredService<CbvrMetrics>().Registry;
        return app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
    }

    public static IEndpointRouteBuilder MapCbvrObservability(this IEndpointRouteBuilder app)
    {
        app.MapHealthEndpoints();
        app.MapMetrics(MetricsPath, app.ServiceProvider.GetRequiredService<CbvrMetrics>().Registry).WithName("Metrics").WithDisplayName("Prometheus metrics");
        return app;
    }
}
