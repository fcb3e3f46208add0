using Cbvr.Ingest.Catalog;
using Cbvr.Search.Queries;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Library;

/// <summary>What users come for, on real clips: text queries through concepts, OCR and ASR; a query by an edited example.</summary>
[Collection(DemoLibraryCollection.Name)]
public sealed class SearchQualityTests(DemoLibrary library)
{
    private SearchService Search => library.Host.Get<SearchService>();

    [Fact]
    public async Task DogRanksTheDogClipFirstThroughConcepts()
    {
        var response = await Search.SearchAsync(new SearchRequest { Text = "dog", Explain = true });

        Assert.Equal(DemoLibrary.Dog, response.Hits[0].FileName);
        Assert.Contains(response.Query!.Concepts, c => c.Name.Contains("dog", StringComparison.OrdinalIgnoreCase) || c.Id.EndsWith(":dog", StringComparison.Ordinal));
        var evidence = response.Hits[0].Evidence;
        Assert.NotEmpty(evidence.Concepts);
        Assert.NotNull(evidence.Shot);
        Assert.True(evidence.Modalities!.ContainsKey("concepts"));
    }

    [Fact]
    public async Task HelloWorldFindsTheWebcamClipThroughOcr()
    {
        var response = await Search.SearchAsync(new SearchRequest { Text = "hello world" });

        var hit = response.Hits[0];
        Assert.Equal(DemoLibrary.Hello, hit.FileName);
        Assert.Contains(hit.Evidence.Snippets, s => s.Field == "ocr" && s.StartSeconds is not null);
    }

    [Fact]
    public async Task ASpokenWordIsFoundThroughAsrWithItsTime()
    {
        var response = await Search.SearchAsync(new SearchRequest { Text = "elephant" });

        var hit = response.Hits[0];
        Assert.Equal(library.VideoIds[DemoLibrary.SpeechClip], hit.VideoId);
        var snippet = Assert.Single(hit.Evidence.Snippets, s => s.Field == "asr");
        Assert.InRange(snippet.StartSeconds!.Value, 1.5, 6);
        Assert.InRange(hit.Evidence.Shot!.StartSeconds, 0, snippet.StartSeconds.Value);
    }

    [Fact]
    public async Task AnEditedCopyOfTheCockatooAsExampleFindsTheOriginalFirst()
    {
        var copy = await TestMedia.CachedAsync("cockatoo-cropped.mp4", path => TestMedia.FfmpegAsync(
            "-i", TestMedia.DemoClip(DemoLibrary.Cockatoo)!, "-vf", "crop=iw*0.8:ih*0.8:iw*0.1:ih*0.05,scale=480:-2", "-c:v", "libx264", "-crf", "30", "-preset", "veryfast", "-an", path));
        var before = library.Host.Get<VideoCatalog>().Count();

        var response = await Search.SearchAsync(new SearchRequest { ExampleFiles = [copy], Explain = true });

        Assert.Equal("example", response.Kind);
        Assert.Equal(DemoLibrary.Cockatoo, response.Hits[0].FileName);
        Assert.Contains("resnet18", response.Modalities);
        Assert.Contains("example", response.Hits[0].Evidence.Shot!.Reason, StringComparison.Ordinal);
        Assert.Equal(before, library.Host.Get<VideoCatalog>().Count());
    }

    [Fact]
    public async Task MoreLikeThisLeavesTheVideoItselfOut()
    {
        var id = library.VideoIds[DemoLibrary.Cockatoo];

        var response = await Search.SearchAsync(new SearchRequest { ExampleIds = [id] });

        Assert.NotEmpty(response.Hits);
        Assert.DoesNotContain(response.Hits, h => h.VideoId == id);
    }

    [Fact]
    public async Task RerankingAndGroupingKeepTheHitsAndReportTheirWork()
    {
        var plain = await Search.SearchAsync(new SearchRequest { Text = "a bird", Limit = 7, IncludeUnmatched = true });
        var reranked = await Search.SearchAsync(new SearchRequest { Text = "a bird", Limit = 7, IncludeUnmatched = true, Rerank = true, Group = true });

        Assert.Equal(plain.Hits.Select(h => h.VideoId).Order(), reranked.Hits.Select(h => h.VideoId).Order());
        Assert.NotEmpty(reranked.Rerank!);
        Assert.Equal(reranked.Hits.Select(h => h.VideoId).Order(), reranked.Groups!.SelectMany(g => g.VideoIds).Order());
        Assert.All(reranked.Groups!, g => Assert.False(string.IsNullOrWhiteSpace(g.Label)));
    }

    [Fact]
    public async Task RelevanceFeedbackMovesTheMarkedVideoUp()
    {
        var request = new SearchRequest { Text = "water", Limit = 7, IncludeUnmatched = true };
        var first = await Search.SearchAsync(request);
        var marked = first.Hits[^1].VideoId;

        var again = await Search.SearchAsync(request with { Relevant = [marked], Irrelevant = [first.Hits[0].VideoId] });

        Assert.True(again.Hits.Single(h => h.VideoId == marked).Rank < first.Hits.Count, "the marked video left the bottom");
    }

    [Fact]
    public async Task FiltersKeepOnlyMatchingVideos()
    {
        var response = await Search.SearchAsync(new SearchRequest { Text = "dog", IncludeUnmatched = true, Limit = 50, Filters = new SearchFilters { MinDurationSeconds = 5 } });

        Assert.NotEmpty(response.Hits);
        Assert.All(response.Hits, h => Assert.True(h.DurationSeconds >= 5));
        Assert.DoesNotContain(response.Hits, h => h.FileName == DemoLibrary.Dog);
    }
}
