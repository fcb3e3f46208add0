using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>
/// A server whose analysis runs only what training and example search need (ResNet-18 shot features, the speech detector
/// for a built-in concept, trained concepts), with two clips of three hard-cut shots each. Shared by the classes of
/// <see cref="ShotFeatureCollection"/>.
/// </summary>
public sealed class ShotFeatureLibrary : IAsyncLifetime
{
    /// <summary>Steps switched off: everything slow that these tests do not look at.</summary>
    private static readonly string[] Off = ["visual", "mfcc", "faces", "ocr", "asr", "imagenet", "coco", "voc"];

    public ConfiguredApiFactory Factory { get; } = new(
        Off.Select((step, i) => (Key: $"Analysis:Disabled:{i}", Value: (string?)step)).ToDictionary(p => p.Key, p => p.Value), analysis: true);

    /// <summary>testsrc, SMPTE bars, mandelbrot: 1.5 s each.</summary>
    public string ClipA { get; private set; } = "";

    /// <summary>SMPTE HD bars, rgbtestsrc, a flat colour: 1.5 s each.</summary>
    public string ClipB { get; private set; } = "";

    public string IdA { get; private set; } = "";

    public string IdB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        (ClipA, _) = await TestMedia.HardCutClipAsync("api-shots-a", [("testsrc=size=320x240:rate=25", 1.5), ("smptebars=size=320x240:rate=25", 1.5), ("mandelbrot=size=320x240:rate=25", 1.5)]);
        (ClipB, _) = await TestMedia.HardCutClipAsync("api-shots-b", [("smptehdbars=size=320x240:rate=25", 1.5), ("rgbtestsrc=size=320x240:rate=25", 1.5), ("color=c=0x306090:size=320x240:rate=25", 1.5)]);
        IdA = await IngestAsync(ClipA);
        IdB = await IngestAsync(ClipB);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private async Task<string> IngestAsync(string path)
    {
        var job = await Factory.IngestAsync(path);
        Assert.True(job.Status == JobStatus.Succeeded, $"ingest of {path} ended {job.Status}: {job.Error}");
        return job.VideoId!;
    }
}

/// <summary>The test classes that share one <see cref="ShotFeatureLibrary"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ShotFeatureCollection : ICollectionFixture<ShotFeatureLibrary>
{
    public const string Name = "shot features";
}
