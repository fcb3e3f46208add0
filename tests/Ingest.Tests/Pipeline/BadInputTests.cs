using Cbvr.Ingest.Catalog;
using Cbvr.Tests;

namespace Cbvr.Ingest.Tests.Pipeline;

/// <summary>
/// Every bad input fails its own job with one line naming the cause, and loses nothing already ingested:
/// each test first ingests a good clip and checks it is still complete afterwards.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly string _folder = TestMedia.NewFolder("cbvr-bad-");
    private IngestFixture _ingest = null!;
    private VideoRecord _good = null!;

    public async Task InitializeAsync()
    {
        _ingest = await IngestFixture.StartAsync();
        var job = await _ingest.IngestAsync(await TestMedia.PatternClipAsync(3));
        _good = _ingest.Videos.Find(job.VideoId!)!;
    }

    public async Task DisposeAsync()
    {
        await _ingest.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public Task ZeroByteFile_FailsAsEmpty() =>
        AssertFailsAsync(BadMedia.Write(_folder, "empty.mp4", []), "empty");

    [Fact]
    public async Task TruncatedMp4_FailsWithMissingMoov() =>
        await AssertFailsAsync(await BadMedia.TruncatedMp4Async(_folder), "moov atom not found");

    [Fact]
    public Task TextFileRenamedMp4_FailsAsInvalidData() =>
        AssertFailsAsync(BadMedia.Write(_folder, "notes.mp4", "Shopping list: milk, eggs, tape.\n"u8.ToArray()), "invalid data");

    [Fact]
    public async Task AudioOnlyFile_FailsForLackOfVideo() =>
        await AssertFailsAsync(await BadMedia.AudioOnlyAsync(), "no video stream (audio only");

    [Fact]
    public async Task CorruptBitstreamMidStream_FailsNamingTheCorruptVideo() =>
        await AssertFailsAsync(await BadMedia.CorruptBitstreamAsync(_folder), "corrupt or undecodable video data");

    [Fact]
    public async Task ZeroFrameSizeHeader_Fails() =>
        await AssertFailsAsync(await BadMedia.AbsurdFrameSizeAsync(_folder, 0, 0), "no frame size (0x0)");

    [Fact]
    public async Task HugeFrameSizeHeader_FailsNamingTheSize() =>
        await AssertFailsAsync(await BadMedia.AbsurdFrameSizeAsync(_folder, 20000, 20000), "20000x20000");

    [Fact]
    public async Task HundredHourDurationOnATwoSecondFile_FailsOnTheDurationLimit() =>
        await AssertFailsAsync(await BadMedia.LyingDurationAsync(_folder, 100), "exceeds the limit of 48 h");

    [Fact]
    public async Task OneHourHeaderOnATwoSecondFile_FailsAsDamaged() =>
        await AssertFailsAsync(await BadMedia.LyingDurationAsync(_folder, 1), "the stream ends at 2.0 s but the header claims 01:00:00");

    [Fact]
    public Task MissingFile_FailsAsNotFound() =>
        AssertFailsAsync(Path.Combine(_folder, "nowhere.mp4"), "file not found");

    [Fact]
    public Task Directory_FailsAsNotAFile() =>
        AssertFailsAsync(_folder, "is a directory");

    [Fact]
    public async Task VideoWithoutAudio_IngestsWithoutAnAudioTrack()
    {
        var job = await _ingest.IngestAsync(await TestMedia.PatternClipAsync(2, audio: false));

        Assert.Equal(JobStatus.Succeeded, job.Status);
        var video = _ingest.Videos.Find(job.VideoId!)!;
        Assert.False(video.HasAudio);
        Assert.False(File.Exists(Path.Combine(_ingest.Host.DataDirectory, "videos", video.Id, "audio.wav")));
        AssertGoodClipIntact();
    }

    private async Task AssertFailsAsync(string path, string cause)
    {
        var job = await _ingest.IngestAsync(path);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains(cause, job.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', job.Error!);
        Assert.Null(job.VideoId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_ingest.Host.DataDirectory, "staging")));
        Assert.Single(_ingest.Videos.List());
        AssertGoodClipIntact();
    }

    private void AssertGoodClipIntact()
    {
        Assert.Contains(_ingest.Videos.List(), v => v.Id == _good.Id);
        var shots = _ingest.Videos.Shots(_good.Id);
        Assert.Equal(_good.ShotCount, shots.Count);
        Assert.All(shots, s => Assert.True(File.Exists(Path.Combine(_ingest.Host.DataDirectory, "videos", _good.Id, s.KeyframeFile!))));
    }
}
