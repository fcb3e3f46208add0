using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Analysis;

/// <summary>A test host with every layer up to the detectors, the real models, and a helper that ingests one file synchronously.</summary>
internal static class AnalysisHost
{
    public static TestHost Create(bool withPack = true, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Models:Directory"] = TestModels.ModelsDirectory,
            ["Models:PackDirectory"] = withPack ? TestModels.PackDirectory : "",
            ["Models:Provider"] = "Cpu",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        return new TestHost(all, services => services.AddCbvrDetectors());
    }

    /// <summary>Runs one ingest job for <paramref name="path"/> to the end; returns the finished job.</summary>
    public static async Task<JobRecord> IngestAsync(TestHost host, string path)
    {
        var jobs = host.Get<JobStore>();
        var id = jobs.Create(path);
        jobs.MarkRunning(id);
        await host.Get<IngestPipeline>().RunAsync(id, path, (_, _, _) => { }, CancellationToken.None);
        return jobs.Find(id)!;
    }
}
