using Cbvr.Features.Store;
using Cbvr.Ingest;
using Cbvr.Tests;

namespace Cbvr.Features.Tests.Store;

/// <summary>The per-video store: where blocks live, listing and opening them, and replacing a block under open readers.</summary>
public sealed class FeatureStoreTests
{
    private const string Video = "0f3a5c9e2b7d4e1f8a6c0b9d";

    [Fact]
    public void ListAndOpen_FindTheBlocksOfAVideoFolder()
    {
        var store = new FeatureStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        Assert.Empty(store.List(Video));
        Assert.Null(store.Open(Video, "resnet18", Granularity.Shot));

        store.Write(Video, new FeatureTag("resnet18", Granularity.Shot, "resnet18", 1, "aaaaaaaaaaaa"), new float[3 * 4], 3, 4);
        store.Write(Video, new FeatureTag("resnet18", Granularity.Video, "resnet18", 1, "aaaaaaaaaaaa"), [1f, 2f, 3f, 4f], 1, 4);
        store.Write(Video, new FeatureTag("colour-hsv", Granularity.Shot, "visual", 2, ""), [0.5f, 0.25f], 1, 2, FeatureType.Float32);
        File.WriteAllText(Path.Combine(store.FolderOf(Video), "readme.txt"), "not a block");

        Assert.EndsWith(Path.Combine("videos", Video, "features"), store.FolderOf(Video), StringComparison.Ordinal);
        var tags = store.List(Video);
        Assert.Equal(["colour-hsv.shot.cbf", "resnet18.shot.cbf", "resnet18.video.cbf"], tags.Select(t => t.FileName));
        Assert.Equal(new FeatureTag("colour-hsv", Granularity.Shot, "visual", 2, ""), tags[0]);

        using var video = store.Open(Video, "resnet18", Granularity.Video);
        Assert.NotNull(video);
        Assert.Equal([1f, 2f, 3f, 4f], video.Row(0));
        Assert.Null(store.Open(Video, "resnet18", Granularity.Frame));
        Assert.Null(store.Open("another-video", "resnet18", Granularity.Shot));
    }

    [Fact]
    public void List_NamesADamagedBlock()
    {
        var store = new FeatureStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        store.Write(Video, new FeatureTag("mfcc", Granularity.Shot, "mfcc", 1, ""), [1f], 1, 1);
        var damaged = Path.Combine(store.FolderOf(Video), "mfcc.video.cbf");
        File.WriteAllBytes(damaged, [1, 2, 3]);
        var error = Assert.Throws<InvalidDataException>(() => store.List(Video));
        Assert.Contains(damaged, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overwriting_IsAtomic_OpenReadersKeepTheOldBlockAndNewReadersSeeTheNewOne()
    {
        var store = new FeatureStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        var tag = new FeatureTag("resnet18", Granularity.Shot, "resnet18", 1, "old000000000");
        float[] old = [1f, 2f, 3f, 4f, 5f, 6f];
        store.Write(Video, tag, old, 2, 3, FeatureType.Float32);

        using var before = store.Open(Video, "resnet18", Granularity.Shot)!;
        float[] replacement = [-1f, -2f, -3f, -4f, -5f, -6f, -7f, -8f, -9f, -10f, -11f, -12f];
        store.Write(Video, tag with { ModelHash = "new000000000" }, replacement, 3, 4, FeatureType.Float16);

        // The open reader maps the replaced file: same shape, same values, same tag.
        Assert.Equal((2, 3, FeatureType.Float32), (before.Rows, before.Columns, before.Type));
        Assert.Equal(old, before.ToArray());
        Assert.Equal("old000000000", before.Tag.ModelHash);

        using var after = store.Open(Video, "resnet18", Granularity.Shot)!;
        Assert.Equal((3, 4, FeatureType.Float16), (after.Rows, after.Columns, after.Type));
        Assert.Equal(replacement, after.ToArray());
        Assert.Equal("new000000000", after.Tag.ModelHash);
        Assert.Equal(["resnet18.shot.cbf"], Directory.EnumerateFileSystemEntries(store.FolderOf(Video)).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedWrite_LeavesTheStoredBlockAsItWas()
    {
        var store = new FeatureStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        var tag = new FeatureTag("mfcc", Granularity.Video, "mfcc", 1, "");
        store.Write(Video, tag, [1f, 2f], 1, 2);
        Assert.Throws<ArgumentException>(() => store.Write(Video, tag, [1f, 2f, 3f], 2, 2));
        using var matrix = store.Open(Video, "mfcc", Granularity.Video)!;
        Assert.Equal([1f, 2f], matrix.ToArray());
        Assert.Single(Directory.EnumerateFileSystemEntries(store.FolderOf(Video)));
    }

    [Fact]
    public void ADisposedMatrix_RefusesReads()
    {
        var store = new FeatureStore(new DataDirectory(TestMedia.NewFolder("cbvr-data-")));
        store.Write(Video, new FeatureTag("mfcc", Granularity.Video, "mfcc", 1, ""), [1f, 2f], 1, 2);
        var matrix = store.Open(Video, "mfcc", Granularity.Video)!;
        matrix.Dispose();
        matrix.Dispose();
        Assert.Throws<ObjectDisposedException>(() => matrix.Row(0));
        using var again = store.Open(Video, "mfcc", Granularity.Video)!;
        Assert.Equal([1f, 2f], again.Row(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => again.Row(1));
    }
}
