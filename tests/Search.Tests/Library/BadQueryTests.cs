using Cbvr.Search.Queries;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Library;

/// <summary>Bad queries get an error that names the input and the cause, of a kind the API maps to a 4xx status.</summary>
[Collection(DemoLibraryCollection.Name)]
public sealed class BadQueryTests(DemoLibrary library)
{
    private SearchService Search => library.Host.Get<SearchService>();

    [Fact]
    public async Task EmptyQueryIsABadRequest()
    {
        var e = await Assert.ThrowsAsync<SearchException>(() => Search.SearchAsync(new SearchRequest { Text = "  " }));
        Assert.Equal(SearchError.BadRequest, e.Error);
        Assert.Contains("empty query", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenKilobytesOfTextIsABadRequest()
    {
        var text = string.Join(' ', Enumerable.Repeat("horse riding in a field", 450));

        var e = await Assert.ThrowsAsync<SearchException>(() => Search.SearchAsync(new SearchRequest { Text = text }));

        Assert.Equal(SearchError.BadRequest, e.Error);
        Assert.Contains(text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownExampleIdIsNotFound()
    {
        var e = await Assert.ThrowsAsync<SearchException>(() => Search.SearchAsync(new SearchRequest { ExampleIds = ["0123456789abcdef0123456789abcdef"] }));
        Assert.Equal(SearchError.NotFound, e.Error);
        Assert.Contains("0123456789abcdef0123456789abcdef", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadThatIsNoVideoIsUnsupported()
    {
        var fake = Path.Combine(TestMedia.NewFolder(), "notes.mp4");
        await File.WriteAllTextAsync(fake, "these are not video frames");

        var e = await Assert.ThrowsAsync<SearchException>(() => Search.SearchAsync(new SearchRequest { ExampleFiles = [fake] }));

        Assert.Equal(SearchError.UnsupportedMedia, e.Error);
        Assert.Contains("notes.mp4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryMatchingNothingReturnsNoHitsWithANote()
    {
        var response = await Search.SearchAsync(new SearchRequest { Text = "the of and" });

        Assert.Empty(response.Hits);
        Assert.NotEmpty(response.Notes);
    }
}
