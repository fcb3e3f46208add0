using System.Diagnostics;

namespace Cbvr.Api.Server.Observability;

/// <summary>Times each search request into <see cref="CbvrMetrics.SearchDuration"/> (applied to the whole /api/search group).</summary>
public sealed class SearchMetricsFilter(CbvrMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        finally
        {
            metrics.SearchDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
