using Cbvr.Ingest.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Jobs;

/// <summary>
/// Makes the data directory consistent after a crash or kill -9: staging folders and uncommitted video folders of dead
/// jobs are removed, and their jobs are queued again (or failed after too many attempts).
/// </summary>
public sealed class StartupRecovery(JobStore jobs, VideoCatalog videos, DataDirectory data, IOptions<IngestOptions> options, ILogger<StartupRecovery> logger)
{
    /// <summary>Cleans up and returns the (job id, path) pairs to run again.</summary>
    public IReadOnlyList<(long Id, string Path)> Run()
    {
        var requeued = jobs.Recover(options.Value.MaxAttempts, IsProcessAlive);
        var active = new HashSet<long>(jobs.List(int.MaxValue, JobStatus.Running).Select(j => j.Id));
        foreach (var folder in Directory.EnumerateDirectories(data.StagingRoot))
        {
            if (long.TryParse(Path.GetFileName(folder).Replace("job-", "", StringComparison.Ordinal), out var jobId) && !active.Contains(jobId))
            {
                Delete(folder, "staging folder of an interrupted job");
            }
        }

        var known = videos.AllIds();
        foreach (var folder in Directory.EnumerateDirectories(data.VideosRoot))
        {
            var marker = Path.Combine(folder, IngestPipeline.UncommittedMarker);
            if (known.Contains(Path.GetFileName(folder)) || !File.Exists(marker))
            {
                continue;
            }

            if (long.TryParse(File.ReadAllText(marker).Trim(), out var jobId) && active.Contains(jobId))
            {
                continue;
            }

            Delete(folder, "uncommitted video folder");
        }

        if (requeued.Count > 0)
        {
            logger.LogInformation("recovered {Count} unfinished ingest job(s); running them again", requeued.Count);
        }

        return [.. requeued.Select(id => (id, jobs.Find(id)!.Path))];
    }

    private static bool IsProcessAlive(int pid) =>
        OperatingSystem.IsLinux() ? Directory.Exists("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) : ProcessExists(pid);

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Delete(string folder, string what)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            logger.LogInformation("removed {What} {Folder}", what, folder);
        }
        catch (IOException e)
        {
            logger.LogWarning("could not remove {What} {Folder}: {Error}", what, folder, e.Message);
        }
    }
}
