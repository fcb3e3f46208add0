using Cbvr.Detectors.Analysis;
using Cbvr.Search.Queries;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cbvr.Search.Tests.Library;

/// <summary>
/// The paths of a large library, forced on a small one: nearest neighbours by the HNSW index (built once a space reaches
/// Search:AnnMinVectors, saved with the index and loaded at the next start), and one process owning the index at a time.
/// </summary>
public sealed class LargeLibraryTests
{
    [Fact]
    public async Task PastAnnMinVectors_OneExampleIsAnsweredByTheSavedHnswIndex()
    {
        var data = TestMedia.NewFolder("cbvr-data-");
        var settings = new Dictionary<string, string?> { ["Search:AnnMinVectors"] = "3", ["Analysis:Disabled:0"] = "asr", ["Analysis:Disabled:1"] = "ocr" };
        var clips = new[] { "testsrc", "smptebars", "rgbtestsrc", "testsrc2" };
        var ids = new List<string>();
        List<string> annOrder;
        using (var host = SearchHost.Create(dataDirectory: data, settings: settings))
        {
            await host.Services.GetServices<IHostedService>().OfType<AnalysisStartup>().Single().StartAsync(CancellationToken.None);
            foreach (var pattern in clips)
            {
                ids.Add((await SearchHost.IngestAsync(host, await TestMedia.PatternClipAsync(2, pattern: pattern))).VideoId!);
            }

            using (var view = host.Get<Cbvr.Search.Library.SearchLibrary>().Read())
            {
                Assert.NotNull(view.Ann("resnet18"));
            }

            annOrder = [.. (await host.Get<SearchService>().SearchAsync(new SearchRequest { ExampleIds = [ids[0]], Modalities = ["resnet18"] })).Hits.Select(h => h.VideoId)];
            Assert.Equal(3, annOrder.Count);
        }

        Assert.True(File.Exists(Path.Combine(data, "index", "vectors", "resnet18.hnsw")));
        using (var host = SearchHost.Create(dataDirectory: data, settings: settings))
        {
            using (var view = host.Get<Cbvr.Search.Library.SearchLibrary>().Read())
            {
                Assert.NotNull(view.Ann("resnet18"));
            }

            var again = await host.Get<SearchService>().SearchAsync(new SearchRequest { ExampleIds = [ids[0]], Modalities = ["resnet18"] });
            Assert.Equal(annOrder, again.Hits.Select(h => h.VideoId));
        }

        // The exact scan (HNSW off) ranks the same: on four vectors the graph search is exhaustive. A damaged vector file
        // on the way is rebuilt from the catalog, not searched without.
        await File.WriteAllTextAsync(Path.Combine(data, "index", "vectors", "resnet18.vec"), "damaged");
        using (var host = SearchHost.Create(dataDirectory: data, settings: new Dictionary<string, string?>(settings) { ["Search:AnnMinVectors"] = "1000" }))
        {
            var exact = await host.Get<SearchService>().SearchAsync(new SearchRequest { ExampleIds = [ids[0]], Modalities = ["resnet18"] });
            Assert.Equal(annOrder, exact.Hits.Select(h => h.VideoId));
        }
    }

    [Fact]
    public async Task ASecondProcessOnTheSameIndexIsToldWhoHasIt()
    {
        var data = TestMedia.NewFolder("cbvr-data-");
        using var first = SearchHost.Create(analysis: false, dataDirectory: data);
        using var second = SearchHost.Create(analysis: false, dataDirectory: data);
        await first.Get<SearchService>().SearchAsync(new SearchRequest { Text = "anything" });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => second.Get<SearchService>().SearchAsync(new SearchRequest { Text = "anything" }));

        Assert.Contains("in use by another Cbvr process", e.Message, StringComparison.Ordinal);
    }
}
