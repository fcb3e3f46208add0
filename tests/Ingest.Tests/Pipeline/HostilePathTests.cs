using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>File names are never shell or ffmpeg syntax; paths outside the allowed roots are refused, links resolved.</summary>
public sealed class HostilePathTests : IDisposable
{
    private readonly string _folder = TestMedia.NewFolder("cbvr-paths-");

    public static TheoryData<string> Names =>
    [
        "with spaces in it.mp4",
        "ünïcødé – 動画.mp4",
        "quote ' and \" double.mp4",
        "semi;colon; rm -rf x.mp4",
        "$(touch pwned) `touch pwned2`.mp4",
        "-i leading dash.mp4",
        "-",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileFileName_IsIngestedAsAPlainFile(string name)
    {
        await using var ingest = await IngestFixture.StartAsync();
        var path = Path.Combine(_folder, name);
        File.Copy(await TestMedia.PatternClipAsync(2), path);

        var job = await ingest.IngestAsync(path);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(path, ingest.Videos.Find(job.VideoId!)!.Path);
        Assert.False(File.Exists(Path.Combine(_folder, "pwned")));
        Assert.False(File.Exists("pwned"));
        Assert.False(File.Exists("pwned2"));
    }

    [Fact]
    public async Task PathOutsideAllowedRoots_IsRefused_InsideIsAccepted()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_folder, "allowed")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_folder, "outside")).FullName;
        var clip = await TestMedia.PatternClipAsync(2);
        File.Copy(clip, Path.Combine(allowed, "in.mp4"));
        File.Copy(clip, Path.Combine(outside, "out.mp4"));
        File.CreateSymbolicLink(Path.Combine(allowed, "escape.mp4"), Path.Combine(outside, "out.mp4"));
        await using var ingest = await IngestFixture.StartAsync(new Dictionary<string, string?> { ["Ingest:AllowedRoots:0"] = allowed });

        var outsideJob = await ingest.IngestAsync(Path.Combine(outside, "out.mp4"));
        var dotDot = await ingest.IngestAsync(Path.Combine(allowed, "..", "outside", "out.mp4"));
        var link = await ingest.IngestAsync(Path.Combine(allowed, "escape.mp4"));
        var inside = await ingest.IngestAsync(Path.Combine(allowed, "in.mp4"));

        Assert.All([outsideJob, dotDot, link], j =>
        {
            Assert.Equal(JobStatus.Failed, j.Status);
            Assert.Contains("outside the allowed folders", j.Error);
        });
        Assert.Equal(JobStatus.Succeeded, inside.Status);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
