using Cbvr.Features.Codebooks;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Search.Evaluation;

namespace Cbvr.Api.Cli;

/// <summary>Brings a MED kit's collection into the library (already ingested clips are skipped) and maps clip ids to videos.</summary>
internal static class KitIngest
{
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(IServiceProvider services, MedKit kit, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<IngestQueue>();
        var jobs = kit.Clips.ToDictionary(c => c.Key, c => queue.Enqueue(c.Value), StringComparer.Ordinal);
        var videos = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = 0;
        foreach (var (clip, job) in jobs)
        {
            var record = await queue.WaitAsync(job, cancellationToken).ConfigureAwait(false);
            if (record.VideoId is { } id && record.Status is JobStatus.Succeeded or JobStatus.Skipped)
            {
                videos[clip] = id;
            }
            else
            {
                failed++;
                await Console.Error.WriteLineAsync($"warning: clip {clip} ({record.Path}) is not in the library: {record.Error}").ConfigureAwait(false);
            }
        }

        // Audio words need the library's codebook: learnt once, from the collection.
        var codebooks = services.GetRequiredService<CodebookStore>();
        if (codebooks.Load(Cbvr.Features.Extractors.MfccExtractor.FeatureName) is null && videos.Count > 0)
        {
            await AudioCodebook.LearnAndEncodeAsync(services, clusters: 64, eta: 1, cancellationToken).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync($"kit {kit.Folder}: {videos.Count} of {kit.Clips.Count} clips in the library" + (failed > 0 ? $", {failed} failed" : "")).ConfigureAwait(false);
        return videos;
    }
}
