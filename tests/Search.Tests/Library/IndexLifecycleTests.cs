using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Library;
using Cbvr.Search.Queries;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Library;

/// <summary>The index follows the catalog: new videos searchable at commit, deletions, restarts, lost or damaged index files.</summary>
public sealed class IndexLifecycleTests
{
    [Fact]
    public async Task ANewVideoIsSearchableAsSoonAsItsJobCommits()
    {
        using var host = SearchHost.Create(analysis: false);
        var search = host.Get<SearchService>();
        Assert.Empty((await search.SearchAsync(new SearchRequest { Text = "testsrc" })).Hits);

        var job = await SearchHost.IngestAsync(host, await TestMedia.PatternClipAsync(2));

        var hit = Assert.Single((await search.SearchAsync(new SearchRequest { Text = "testsrc" })).Hits);
        Assert.Equal(job.VideoId, hit.VideoId);
        Assert.Contains(hit.Evidence.Snippets, s => s.Field == "file");
    }

    [Fact]
    public async Task ADeletedVideoLeavesTheIndex()
    {
        using var host = SearchHost.Create(analysis: false);
        var search = host.Get<SearchService>();
        var job = await SearchHost.IngestAsync(host, await TestMedia.PatternClipAsync(2, pattern: "smptebars"));
        Assert.Single((await search.SearchAsync(new SearchRequest { Text = "smptebars" })).Hits);

        Assert.True(host.Get<VideoCatalog>().Delete(job.VideoId!, host.Get<DataDirectory>()));

        Assert.Empty((await search.SearchAsync(new SearchRequest { Text = "smptebars" })).Hits);
        var e = await Assert.ThrowsAsync<SearchException>(() => search.SearchAsync(new SearchRequest { ExampleIds = [job.VideoId!] }));
        Assert.Equal(SearchError.NotFound, e.Error);
    }

    [Theory]
    [InlineData("keep")]
    [InlineData("delete")]
    [InlineData("corrupt")]
    public async Task TheIndexSurvivesARestartAndRebuildsLostOrDamagedFiles(string damage)
    {
        var data = TestMedia.NewFolder("cbvr-data-");
        string id;
        using (var host = SearchHost.Create(analysis: false, dataDirectory: data))
        {
            id = (await SearchHost.IngestAsync(host, await TestMedia.PatternClipAsync(2, pattern: "rgbtestsrc"))).VideoId!;
            Assert.Single((await host.Get<SearchService>().SearchAsync(new SearchRequest { Text = "rgbtestsrc" })).Hits);
        }

        var file = Path.Combine(data, "index", "concepts.idx");
        Assert.True(File.Exists(file), "the concept index is saved when the library closes");
        if (damage == "delete")
        {
            File.Delete(file);
        }
        else if (damage == "corrupt")
        {
            await File.WriteAllTextAsync(file, "not an index");
        }

        using (var host = SearchHost.Create(analysis: false, dataDirectory: data))
        {
            var hit = Assert.Single((await host.Get<SearchService>().SearchAsync(new SearchRequest { Text = "rgbtestsrc" })).Hits);
            Assert.Equal(id, hit.VideoId);
            Assert.True(host.Get<SearchLibrary>().AppliedSequence > 0);
        }
    }
}
