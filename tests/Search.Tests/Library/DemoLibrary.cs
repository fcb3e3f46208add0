using Cbvr.Detectors.Analysis;
using Cbvr.Ingest.Media;
using Cbvr.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cbvr.Search.Tests.Library;

/// <summary>
/// One library shared by the search tests: real demo clips (a dog, the "hello world" webcam clip, the cockatoo, a diver, a
/// bouncing ball, the KPhotoAlbum movie) and a real video with flite speech mixed in, ingested with every analysis step and
/// the model pack.
/// </summary>
public sealed class DemoLibrary : IAsyncLifetime
{
    public const string Dog = "VID_20191220_170832.mp4";
    public const string Hello = "movie-hello.mp4";
    public const string Cockatoo = "cockatoo.mp4";
    public const string SpeechClip = "ball-with-speech.mp4";
    public const string SpokenSentence = "The elephant walked slowly across the dusty road.";

    private static readonly string[] Clips = [Dog, Hello, Cockatoo, "diver.mov", "balle-jbart.mp4", "movie.avi"];

    public TestHost Host { get; private set; } = null!;

    public Dictionary<string, string> VideoIds { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Host = SearchHost.Create();
        await Host.Services.GetServices<IHostedService>().OfType<AnalysisStartup>().Single().StartAsync(CancellationToken.None);
        foreach (var clip in Clips)
        {
            var path = TestMedia.DemoClip(clip) ?? throw new InvalidOperationException($"demo clip {clip} is missing: run scripts/setup.sh");
            VideoIds[clip] = (await SearchHost.IngestAsync(Host, path)).VideoId!;
        }

        VideoIds[SpeechClip] = (await SearchHost.IngestAsync(Host, await SpeechClipAsync())).VideoId!;
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The bouncing-ball video with the sentence spoken by flite's slt voice over its 3rd to 6th second.</summary>
    public static Task<string> SpeechClipAsync() => TestMedia.CachedAsync(SpeechClip, async path =>
    {
        var wav = Path.Combine(TestMedia.NewFolder(), "speech.wav");
        var flite = await ExternalProcess.RunAsync("flite", ["-voice", "slt", "-t", SpokenSentence, "-o", wav], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(flite.ExitCode == 0, string.Join('\n', flite.StandardError));
        var video = TestMedia.DemoClip("balle-jbart.mp4")!;
        await TestMedia.FfmpegAsync(
            "-i", video, "-i", wav,
            "-filter_complex", "[1]adelay=2000|2000,apad[a]",
            "-map", "0:v", "-map", "[a]", "-shortest", "-c:v", "libx264", "-preset", "veryfast", "-vf", "hue=h=90", "-c:a", "aac", path);
    });
}

/// <summary>The tests that share <see cref="DemoLibrary"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DemoLibraryCollection : ICollectionFixture<DemoLibrary>
{
    public const string Name = "demo library";
}
