using System.Buffers.Binary;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>A folder of a thousand small files through <c>cbvr ingest FOLDER</c>: every file gets a job, bad ones do not stop the rest.</summary>
public sealed class CliBatchTests
{
    private const int Files = 1000;
    private const int Junk = 10;

    [Fact]
    public async Task Ingest_FolderOfAThousandSmallFiles_IngestsEveryVideoAndNamesEveryBadFile()
    {
        using var scratch = new Scratch();
        var folder = Directory.CreateDirectory(scratch["thousand"]).FullName;
        var tiny = await File.ReadAllBytesAsync(await TestMedia.CachedAsync("tiny.mp4", f => TestMedia.FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=0.5", "-c:v", "libx264", "-preset", "ultrafast", f)));
        for (var i = 0; i < Files - Junk; i++)
        {
            // A trailing 'free' box with the index keeps each file a valid MP4 with its own content hash.
            var bytes = new byte[tiny.Length + 16];
            tiny.CopyTo(bytes, 0);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(tiny.Length), 16);
            "free"u8.CopyTo(bytes.AsSpan(tiny.Length + 4));
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(tiny.Length + 8), i);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"clip-{i:D4}.mp4"), bytes);
        }

        for (var i = 0; i < Junk; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"junk-{i}.mp4"), $"not a video {i}");
        }

        var result = await Cli.RunAsync(["ingest", folder, "--data", scratch["data"], "--Ingest:MaxConcurrentJobs=2"], timeout: TimeSpan.FromMinutes(8));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Junk, result.ErrorLines.Count);
        Assert.All(result.ErrorLines, l => Assert.Matches(@"^error: .*/junk-\d\.mp4: not a media file", l));
        var videos = (await Cli.JsonAsync(scratch["data"], "videos")).Items();
        Assert.Equal(Files - Junk, videos.Count);
        Assert.All(videos, v => Assert.True(v.Int("shotCount") >= 1));
        var jobs = (await Cli.JsonAsync(scratch["data"], "jobs", "--limit", "2000")).Items();
        Assert.Equal(Files, jobs.Count);
        Assert.Equal(Junk, jobs.Count(j => j.Str("status") == "failed"));
    }
}
