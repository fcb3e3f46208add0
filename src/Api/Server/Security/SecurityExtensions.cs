using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Server.Security;

/// <summary>
/// Registers and wires the cross-cutting protections: the API key, the request body limit, rate limits and CORS. Everything
/// reads <see cref="ApiOptions"/> when the server starts (not while the builder runs), so test configuration applies too.
/// </summary>
public static class SecurityExtensions
{
    public static IServiceCollection AddCbvrSecurity(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.MaxUploadBytes > 0 && o.SearchRequestsPerSecond >= 0, "Api: MaxRequestBodyBytes and MaxUploadBytes must be > 0, SearchRequestsPerSecond >= 0")
            .ValidateOnStart();
        services.AddSingleton<ApiKey>();
        services.AddHostedService<ApiKeyAnnouncer>();

        // Every request body is capped; the upload endpoints raise the cap for their own requests (IHttpMaxRequestBodySizeFeature).
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);

        // CORS only when origins are configured: without a default policy the CORS middleware adds no headers at all.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ApiOptions>>((cors, api) =>
        {
            if (api.Value.CorsOrigins.Length > 0)
            {
                cors.AddDefaultPolicy(p => p.WithOrigins(api.Value.CorsOrigins).AllowAnyHeader().WithMethods("GET", "POST", "DELETE"));
            }
        });
        services.AddCbvrRateLimits();
        return services;
    }

    /// <summary>
    /// After <c>UseRouting</c>: CORS first (it answers preflight requests itself, before any key check), then the key check,
    /// then rate limits (so requests without the key do not use up a client's search budget).
    /// </summary>
    public static IApplicationBuilder UseCbvrSecurity(this IApplicationBuilder app)
    {
        app.UseCors();
        app.UseMiddleware<ApiAccessMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}
