using Cbvr.Features.Codebooks;
using Cbvr.Features.Encoding;
using Cbvr.Ingest;
using Cbvr.Tests;

namespace Cbvr.Features.Tests.Codebooks;

/// <summary>Codebooks on disk: centres exact, the info with its content hash, and a codebook with an empty cluster.</summary>
public sealed class CodebookStoreTests
{
    private static (Codebook Codebook, CodebookInfo Info) Make(int[] sizes, float offset = 0)
    {
        const int d = 3;
        var centres = Enumerable.Range(0, sizes.Length * d).Select(i => offset + (i * 0.37f) - 1.5f).ToArray();
        var info = new CodebookInfo(
            "mfcc", "plain", sizes.Length, 0, 0, sizes.Sum(), 2, ClusterSpread.Of(sizes), null, 12.5, null,
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "", sizes);
        return (new Codebook(centres, d, sizes), info);
    }

    [Fact]
    public void SaveAndLoad_RoundTripTheCentresExactly_AndTheInfoWithItsHash()
    {
        var store = new CodebookStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        Assert.Null(store.Load("mfcc"));
        Assert.Null(store.Hash("mfcc"));

        var (codebook, info) = Make([5, 7, 9, 11]);
        var saved = store.Save("mfcc", codebook, info);
        Assert.Matches("^[0-9a-f]{12}$", saved.Hash);
        Assert.Equal(store.Hash("mfcc"), saved.Hash);
        Assert.Equal(["mfcc.audioframe.cbf", "mfcc.json"], Directory.EnumerateFiles(store.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var (loaded, loadedInfo) = store.Load("mfcc")!.Value;
        Assert.Equal(codebook.Centres, loaded.Centres);
        Assert.Equal((codebook.Count, codebook.Dimensions), (loaded.Count, loaded.Dimensions));
        Assert.Equal(saved with { Sizes = [] }, loadedInfo with { Sizes = [] });
        Assert.Equal(saved.Sizes, loadedInfo.Sizes);

        // Other centres, another hash.
        var other = store.Save("mfcc", Make([5, 7, 9, 11], offset: 0.01f).Codebook, info);
        Assert.NotEqual(saved.Hash, other.Hash);
    }

    [Fact]
    public void ACodebookWithAnEmptyCluster_IsSavedAndLoaded()
    {
        // ClusterSpread's max/min ratio is +Infinity then, which plain JSON cannot hold.
        var store = new CodebookStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        var (codebook, info) = Make([10, 0, 4]);
        Assert.Equal(double.PositiveInfinity, info.Spread.MaxMinRatio);

        var saved = store.Save("mfcc", codebook, info);
        var (_, loaded) = store.Load("mfcc")!.Value;
        Assert.Equal(double.PositiveInfinity, loaded.Spread.MaxMinRatio);
        Assert.Equal(saved.Hash, loaded.Hash);
        Assert.DoesNotContain(Directory.EnumerateFiles(store.Folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void InfoThatDoesNotMatchTheCentres_IsRefusedNamingBothFiles()
    {
        var store = new CodebookStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        var (codebook, info) = Make([5, 7, 9, 11]);
        store.Save("mfcc", codebook, info);
        var json = Path.Combine(store.Folder, "mfcc.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"sizes\": [\n    5,", "\"sizes\": [", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => store.Load("mfcc"));
        Assert.Contains(json, error.Message, StringComparison.Ordinal);
        Assert.Contains("mfcc.audioframe.cbf", error.Message, StringComparison.Ordinal);
    }
}
