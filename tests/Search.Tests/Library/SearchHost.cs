using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Library;

/// <summary>A test host with every layer up to search, the real models (and the pack), and a synchronous ingest helper.</summary>
internal static class SearchHost
{
    public static TestHost Create(bool analysis = true, string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Models:Directory"] = TestModels.ModelsDirectory,
            ["Models:PackDirectory"] = TestModels.PackDirectory,
            ["Models:Provider"] = "Cpu",
            ["Analysis:Enabled"] = analysis ? "true" : "false",
        };
        if (dataDirectory is not null)
        {
            all["Storage:DataDirectory"] = dataDirectory;
        }

        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        return new TestHost(all, services => services.AddCbvrSearch());
    }

    /// <summary>Runs one ingest job for <paramref name="path"/> to the end; returns the finished job.</summary>
    public static async Task<JobRecord> IngestAsync(TestHost host, string path)
    {
        var jobs = host.Get<JobStore>();
        var id = jobs.Create(path);
        jobs.MarkRunning(id);
        await host.Get<IngestPipeline>().RunAsync(id, path, (_, _, _) => { }, CancellationToken.None);
        var job = jobs.Find(id)!;
        Assert.True(job.Status is JobStatus.Succeeded or JobStatus.Skipped, $"{path}: {job.Status} {job.Error}");
        return job;
    }
}
