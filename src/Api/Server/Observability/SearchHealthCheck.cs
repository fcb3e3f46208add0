using Cbvr.Search.Library;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cbvr.Api.Server.Observability;

/// <summary>
/// Readiness: the search indexes are loaded and in step with the catalog (a sync succeeds). Loading a large library takes a
/// while, so the check waits briefly and otherwise reports "still loading"; a sync already under way is awaited, not repeated,
/// so frequent probes do not pile up threads. Registered as a singleton for that reason.
/// </summary>
public sealed class SearchHealthCheck(SearchLibrary library) : IHealthCheck
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task? _sync;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task sync;
        lock (_gate)
        {
            if (_sync is null || _sync.IsCompleted)
            {
                _sync = Task.Run(() => library.Sync(), CancellationToken.None);
            }

            sync = _sync;
        }

        try
        {
            await sync.WaitAsync(Wait, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"index at catalog change {library.AppliedSequence}");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("search index is still loading");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or InvalidDataException or Cbvr.Features.Models.ModelException or Microsoft.Data.Sqlite.SqliteException)
        {
            return HealthCheckResult.Unhealthy($"search index cannot be synced: {e.Message}", e);
        }
    }
}
