using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary>Where the CLI keeps its data, and settings from the command line and the environment reaching the pipeline.</summary>
public sealed class CliSettingsTests
{
    [Fact]
    public async Task DataOption_WinsOverTheCbvrDataEnvironmentVariable()
    {
        using var scratch = new Scratch();
        var option = scratch["from-option"];
        var env = scratch["from-env"];
        var clip = await TestMedia.PatternClipAsync(3);

        await Cli.RunOkAsync(["ingest", clip, "--data", option, "--quiet"], new Dictionary<string, string?> { ["CBVR_DATA"] = env });

        Assert.True(File.Exists(Path.Combine(option, "catalog.db")), "catalog.db should be in the --data directory");
        Assert.False(Directory.Exists(env), "the CBVR_DATA directory should not be touched when --data is given");
        Assert.Single((await Cli.JsonAsync(option, "videos")).Items());
    }

    [Fact]
    public async Task CbvrDataEnvironmentVariable_IsUsedWhenTheDataOptionIsAbsent()
    {
        using var scratch = new Scratch();
        var env = scratch["from-env"];
        var clip = await TestMedia.PatternClipAsync(3);
        var withEnv = new Dictionary<string, string?> { ["CBVR_DATA"] = env };

        var ingest = await Cli.RunOkAsync(["ingest", clip, "--quiet"], withEnv);

        Assert.True(File.Exists(Path.Combine(env, "catalog.db")), "catalog.db should be in $CBVR_DATA");
        Assert.False(Directory.Exists(Path.Combine(ingest.WorkingDirectory, "data")), "./data should not be used when CBVR_DATA is set");
        var listed = await Cli.RunOkAsync(["videos", "--json"], withEnv);
        Assert.Equal(Path.GetFileName(clip), Assert.Single(JsonHelpers.Parse(listed.StandardOutput).Items()).Str("fileName"));
    }

    [Fact]
    public async Task DataDirectory_DefaultsToDataInTheWorkingDirectory()
    {
        var clip = await TestMedia.PatternClipAsync(3);

        var ingest = await Cli.RunOkAsync(["ingest", clip, "--quiet"], null);

        Assert.True(File.Exists(Path.Combine(ingest.WorkingDirectory, "data", "catalog.db")), "catalog.db should be in ./data");
        Directory.Delete(ingest.WorkingDirectory, recursive: true);
    }

    [Fact]
    public async Task FramesPerSecondSetting_OnTheCommandLine_ReachesThePipeline()
    {
        using var scratch = new Scratch();
        var clip = await TestMedia.PatternClipAsync(3);

        await Cli.RunOkAsync("ingest", clip, "--Ingest:FramesPerSecond=4", "--data", scratch["data"], "--quiet");

        var video = Assert.Single((await Cli.JsonAsync(scratch["data"], "videos")).Items());
        Assert.Equal(4, video.Num("sampledFramesPerSecond"));
        Assert.Equal(240, video.Int("frameHeight"));
    }

    [Fact]
    public async Task FrameShortSideSetting_FromTheEnvironment_ScalesFramesAndKeyframes()
    {
        using var scratch = new Scratch();
        var data = scratch["data"];
        var clip = await TestMedia.PatternClipAsync(3);

        await Cli.RunOkAsync(["ingest", clip, "--data", data, "--quiet"], new Dictionary<string, string?> { ["Ingest__FrameShortSide"] = "128" });

        var video = Assert.Single((await Cli.JsonAsync(data, "videos")).Items());
        Assert.Equal(128, video.Int("frameHeight"));
        Assert.InRange(video.Int("frameWidth"), 170, 171);
        Assert.Equal(2, video.Num("sampledFramesPerSecond"));
        var keyframes = Directory.GetFiles(Path.Combine(data, "videos", video.Str("id")), "*.jpg", SearchOption.AllDirectories);
        Assert.NotEmpty(keyframes);
        Assert.All(keyframes, k => Assert.Equal((video.Int("frameWidth"), 128), Jpeg.Size(File.ReadAllBytes(k))));
    }
}
