using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>Progress, deletion under way, and the clean-up after a crash.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly string _folder = TestMedia.NewFolder("cbvr-life-");

    [Fact]
    public async Task Progress_CountsSecondsOfVideoUpToTheDuration()
    {
        await using var ingest = await IngestFixture.StartAsync();
        var updates = new List<JobProgress>();
        ingest.Host.Get<IngestProgressHub>().Changed += p =>
        {
            lock (updates)
            {
                updates.Add(p);
            }
        };

        var job = await ingest.IngestAsync(await TestMedia.PatternClipAsync(6));

        var running = updates.Where(u => u.Status == JobStatus.Running && u.TotalSeconds > 0).ToList();
        Assert.True(running.Count >= 5, $"{running.Count} progress updates");
        Assert.Equal(running.Select(u => u.DoneSeconds).Order(), running.Select(u => u.DoneSeconds));
        Assert.Equal(6, running[^1].DoneSeconds, 1);
        Assert.Equal(6, running[0].TotalSeconds, 1);
        Assert.Equal(JobStatus.Succeeded, updates[^1].Status);
        Assert.Equal(6, job.DoneSeconds, 1);
    }

    [Fact]
    public async Task FileDeletedWhileBeingIngested_FailsAndLeavesNothing()
    {
        using var host = new TestHost();
        var path = Path.Combine(_folder, "going.mp4");
        File.Copy(await TestMedia.PatternClipAsync(8), path);
        var jobs = host.Get<JobStore>();
        var id = jobs.Create(path);
        jobs.MarkRunning(id);

        var status = await host.Get<IngestPipeline>().RunAsync(id, path, (_, done, _) => { if (done > 0) File.Delete(path); }, CancellationToken.None);

        Assert.Equal(JobStatus.Failed, status);
        Assert.Equal("file was deleted while it was being ingested", jobs.Find(id)!.Error);
        Assert.Empty(host.Get<VideoCatalog>().List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(host.DataDirectory, "videos")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(host.DataDirectory, "staging")));
    }

    [Fact]
    public void Recovery_AfterACrash_RemovesLeftoversAndRequeuesOrFailsTheJobs()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Ingest:MaxAttempts"] = "2" });
        var jobs = host.Get<JobStore>();
        var data = host.Get<DataDirectory>();
        var once = jobs.Create("/videos/once.mp4");
        var twice = jobs.Create("/videos/twice.mp4");
        jobs.MarkRunning(once);
        jobs.MarkRunning(twice);
        jobs.MarkRunning(twice);
        SimulateCrash(host, once, twice);
        Directory.CreateDirectory(Path.Combine(data.StagingFolder(once), "keyframes"));
        var orphan = Directory.CreateDirectory(data.VideoFolder("0123456789abcdef0123456789abcdef")).FullName;
        File.WriteAllText(Path.Combine(orphan, IngestPipeline.UncommittedMarker), twice.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var requeued = host.Get<StartupRecovery>().Run();

        Assert.Equal([(once, "/videos/once.mp4")], requeued);
        Assert.Equal(JobStatus.Queued, jobs.Find(once)!.Status);
        Assert.Equal(JobStatus.Failed, jobs.Find(twice)!.Status);
        Assert.Contains("interrupted 2 time(s)", jobs.Find(twice)!.Error);
        Assert.False(Directory.Exists(data.StagingFolder(once)));
        Assert.False(Directory.Exists(orphan));
    }

    [Fact]
    public async Task RecoveredJob_RunsAgainWhenTheQueueStarts()
    {
        var clip = Path.Combine(_folder, "resume.mp4");
        File.Copy(await TestMedia.PatternClipAsync(2), clip);
        await using var ingest = await IngestFixture.StartAsync();
        await ingest.Queue.StopAsync(CancellationToken.None);
        var jobs = ingest.Host.Get<JobStore>();
        var id = jobs.Create(clip);
        jobs.MarkRunning(id);
        SimulateCrash(ingest.Host, id);

        await ingest.Queue.StartAsync(CancellationToken.None);
        var record = await ingest.Queue.WaitAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal([id], ingest.Queue.RecoveredJobs);
        Assert.Equal(JobStatus.Succeeded, record.Status);
        Assert.Equal(2, record.Attempts);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Makes the jobs look owned by a process that is gone (pid 2^22 + 1 is above Linux's pid limit).</summary>
    private static void SimulateCrash(TestHost host, params long[] ids)
    {
        using var connection = host.Get<CatalogDatabase>().Open();
        foreach (var id in ids)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE jobs SET owner_pid = 4194305 WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
    }
}
