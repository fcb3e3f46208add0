using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>A real ingest queue over a fresh data directory, started like the server starts it.</summary>
public sealed class IngestFixture : IAsyncDisposable
{
    private IngestFixture(TestHost host)
    {
        Host = host;
    }

    public TestHost Host { get; }

    public IngestQueue Queue => Host.Get<IngestQueue>();

    public VideoCatalog Videos => Host.Get<VideoCatalog>();

    public static async Task<IngestFixture> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var fixture = new IngestFixture(new TestHost(settings));
        await fixture.Queue.StartAsync(CancellationToken.None);
        return fixture;
    }

    /// <summary>Queues <paramref name="path"/> and waits for its job to end.</summary>
    public async Task<JobRecord> IngestAsync(string path)
    {
        var id = Queue.Enqueue(path);
        return await Queue.WaitAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.StopAsync(CancellationToken.None);
        Host.Dispose();
    }
}
