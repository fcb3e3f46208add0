using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Server.Security;

/// <summary>
/// Rate-limit policies. <see cref="Search"/>: a token bucket per client address (the connection's, never a forwarded header),
/// <see cref="ApiOptions.SearchRequestsPerSecond"/> tokens a second and a burst of twice that; 0 turns it off. A rejected request
/// gets 429 ProblemDetails with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy the search endpoints use (<c>RequireRateLimiting(RateLimits.Search)</c>).</summary>
    public const string Search = "search";

    public static IServiceCollection AddCbvrRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Search, SearchPartition);
        });

    private static RateLimitPartition<string> SearchPartition(HttpContext context)
    {
        var perSecond = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.SearchRequestsPerSecond;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        return perSecond <= 0
            ? RateLimitPartition.GetNoLimiter(client)
            : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 2 * perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "this client";
        await TypedResults.Problem(
            $"{context.Request.Path}: too many requests from {client} (Api:SearchRequestsPerSecond); retry after {seconds} s",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context).ConfigureAwait(false);
    }
}
