using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cbvr.Search.Library;

/// <summary>
/// Keeps the search indexes up to date in a running server: opens (or builds) them at start, applies the catalog's changes
/// every second (queries also catch up first), and saves the index files when it stops.
/// </summary>
public sealed partial class SearchSync(SearchLibrary library, ILogger<SearchSync> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        library.Save();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                library.Sync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogSyncFailed(logger, e.Message);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "search index: sync failed ({Reason}); retrying")]
    private static partial void LogSyncFailed(ILogger logger, string reason);
}
