using Cbvr.Detectors.Analysis;
using Cbvr.Features.Codebooks;
using Cbvr.Features.Extractors;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Api.Cli;

/// <summary>Learns the library's MFCC codebook (balanced k-means) and encodes every video's audio words with it.</summary>
internal static class AudioCodebook
{
    public static async Task<(CodebookReport Report, int Encoded)> LearnAndEncodeAsync(IServiceProvider services, int clusters, double eta, CancellationToken cancellationToken)
    {
        var report = services.GetRequiredService<CodebookLearner>().Learn(MfccExtractor.FeatureName, clusters, eta);
        var reextractor = services.GetRequiredService<Reextractor>();
        var encoded = 0;
        foreach (var id in services.GetRequiredService<VideoCatalog>().AllIds())
        {
            var outcome = await reextractor.RunAsync(id, [AudioWordsExtractor.StepId], force: false, cancellationToken).ConfigureAwait(false);
            encoded += outcome.Ran.Count;
        }

        return (report, encoded);
    }
}
