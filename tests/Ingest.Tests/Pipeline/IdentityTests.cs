using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>The id is the content: the same bytes are one video, whatever their names, however often they are queued.</summary>
public sealed class IdentityTests : IDisposable
{
    private readonly string _folder = TestMedia.NewFolder("cbvr-identity-");

    [Fact]
    public async Task SameBytesAgain_IsSkippedAsAlreadyIngested()
    {
        await using var ingest = await IngestFixture.StartAsync();
        var clip = await TestMedia.PatternClipAsync(2);

        var first = await ingest.IngestAsync(clip);
        var second = await ingest.IngestAsync(clip);

        Assert.Equal(JobStatus.Succeeded, first.Status);
        Assert.Equal(JobStatus.Skipped, second.Status);
        Assert.Equal(first.VideoId, second.VideoId);
        Assert.Contains("already ingested", second.Warnings);
        Assert.Single(ingest.Videos.List());
    }

    [Fact]
    public async Task RenamedCopy_IsRecognisedAndRecordedAsAnotherLocation()
    {
        await using var ingest = await IngestFixture.StartAsync();
        var original = Path.Combine(_folder, "holiday.mp4");
        var renamed = Path.Combine(_folder, "copy of holiday (1).mp4");
        File.Copy(await TestMedia.PatternClipAsync(2), original);
        File.Copy(original, renamed);

        var first = await ingest.IngestAsync(original);
        var copy = await ingest.IngestAsync(renamed);

        Assert.Equal(JobStatus.Skipped, copy.Status);
        Assert.Equal(first.VideoId, copy.VideoId);
        Assert.Equal([original, renamed], ingest.Videos.Locations(first.VideoId!));
    }

    [Fact]
    public async Task SameContentQueuedTwiceAtOnce_CommitsOneVideo()
    {
        await using var ingest = await IngestFixture.StartAsync(new Dictionary<string, string?> { ["Ingest:MaxConcurrentJobs"] = "2" });
        var a = Path.Combine(_folder, "a.mp4");
        var b = Path.Combine(_folder, "b.mp4");
        File.Copy(await TestMedia.PatternClipAsync(6), a);
        File.Copy(a, b);

        var ids = new[] { ingest.Queue.Enqueue(a), ingest.Queue.Enqueue(b) };
        var jobs = await Task.WhenAll(ids.Select(id => ingest.Queue.WaitAsync(id, CancellationToken.None)));

        Assert.Equal([JobStatus.Succeeded, JobStatus.Skipped], jobs.Select(j => j.Status).Order());
        var video = Assert.Single(ingest.Videos.List());
        Assert.All(ingest.Videos.Shots(video.Id), s => Assert.True(File.Exists(Path.Combine(ingest.Host.DataDirectory, "videos", video.Id, s.KeyframeFile!))));
    }

    [Fact]
    public async Task FindByPrefix_FindsAUniquePrefixAndRefusesAnAmbiguousOne()
    {
        await using var ingest = await IngestFixture.StartAsync();
        var a = (await ingest.IngestAsync(await TestMedia.PatternClipAsync(2))).VideoId!;
        var b = (await ingest.IngestAsync(await TestMedia.PatternClipAsync(3))).VideoId!;
        var common = new string(a.TakeWhile((c, i) => i < b.Length && b[i] == c).ToArray());

        Assert.Equal(a, ingest.Videos.FindByPrefix(a)!.Id);
        Assert.Equal(b, ingest.Videos.FindByPrefix(b[..(common.Length + 1)].ToUpperInvariant())!.Id);
        Assert.Null(ingest.Videos.FindByPrefix(common));
        Assert.Null(ingest.Videos.FindByPrefix("not-hex"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
