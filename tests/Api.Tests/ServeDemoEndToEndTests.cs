using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cbvr.Ingest.Demo;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr serve --demo</c> as a real server process over real HTTP, ingesting the demo corpus into an empty library.</summary>
public sealed class ServeDemoEndToEndTests
{
    // With analysis on, the demo takes about 2 min on 2 cores, 65 s of it ASR of the 180 s wannaworktogether.mp4.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task ServeDemo_OnAnEmptyLibrary_ListsEveryDemoClipOnDiskWithDurationShotsAndAnalysis()
    {
        var expected = DemoClipsOnDisk();
        using var scratch = new Scratch();
        var port = FreePort();
        var baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        using var server = Cli.Start(
            ["serve", "--demo", "--urls", baseUri.ToString().TrimEnd('/'), "--data", scratch["data"]],
            Cli.WithAnalysis(("Demo__Manifest", TestMedia.DemoManifest), ("Demo__PackageCache", TestMedia.DemoPackageCache)));
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };

        var clock = Stopwatch.StartNew();
        var last = "(no answer yet)";
        while (true)
        {
            Assert.False(server.HasExited, "the server exited: " + server.StandardError);
            var videos = await TryGetAsync(http, "api/videos?limit=1000");
            if (videos is { } page)
            {
                var items = page.GetProperty("items").Items();
                last = string.Join(", ", items.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Str("fileName")} {v.Num("durationSeconds"):0.0}s {v.Int("shotCount")} shots")));
                Assert.All(items, v => Assert.True(v.Num("durationSeconds") > 0 && v.Int("shotCount") >= 1, "a listed video must be complete: " + v));
                if (items.Count == expected.Count)
                {
                    Assert.Equal(expected.Count, page.Int("total"));
                    Assert.Equal(expected.Select(Path.GetFileName).Order(StringComparer.Ordinal), items.Select(v => v.Str("fileName")).Order(StringComparer.Ordinal));
                    break;
                }
            }

            if (clock.Elapsed > Deadline)
            {
                var jobs = await TryGetAsync(http, "api/jobs?limit=1000");
                Assert.Fail($"after {Deadline.TotalMinutes} min the library lists [{last}], not all {expected.Count} demo clips.\njobs: {jobs}\nserver stderr:\n{server.StandardError}");
            }

            await Task.Delay(500);
        }

        var failed = (await TryGetAsync(http, "api/jobs?limit=1000"))!.Value.Items().Where(j => j.Str("status") != "succeeded").ToList();
        Assert.True(failed.Count == 0, "demo jobs that did not succeed: " + string.Join("\n", failed));
        await AssertAnalysedAsync(http);
    }

    /// <summary>Every demo video has its analysis steps recorded and top concepts; the dog clip has coco:dog.</summary>
    private static async Task AssertAnalysedAsync(HttpClient http)
    {
        var items = (await TryGetAsync(http, "api/videos?limit=1000"))!.Value.GetProperty("items").Items();
        foreach (var video in items)
        {
            var analysis = video.GetProperty("analysis");
            var steps = analysis.GetProperty("steps").Items();
            foreach (var step in new[] { "visual", "resnet18", "mfcc", "faces", "ocr", "speech", "asr" })
            {
                Assert.True(steps.Any(s => s.Str("step") == step), $"{video.Str("fileName")} has no {step} step: {analysis}");
            }

            Assert.All(steps, s => Assert.True(s.Str("status") == "ok", $"{video.Str("fileName")}: {s}"));
            Assert.True(analysis.GetProperty("topConcepts").Items().Count > 0, $"{video.Str("fileName")} has no concepts");
        }

        var dog = Assert.Single(items, v => v.Str("fileName") == "VID_20191220_170832.mp4");
        var detail = (await TryGetAsync(http, "api/videos/" + dog.Str("id")))!.Value;
        var concepts = detail.GetProperty("video").GetProperty("analysis").GetProperty("topConcepts").Items();
        Assert.True(concepts.Any(c => c.Str("concept") == "coco:dog"), "the dog clip lacks coco:dog: " + string.Join(", ", concepts.Select(c => c.Str("concept"))));
    }

    /// <summary>The manifest's clips that exist on this machine (unpacked by the set-up, or installed system-wide).</summary>
    private static IReadOnlyList<string> DemoClipsOnDisk()
    {
        Assert.True(
            Directory.Exists(TestMedia.DemoPackageCache),
            $"{TestMedia.DemoPackageCache} is missing: run the set-up (scripts/setup.sh test, or ./test.sh) first to fetch the demo corpus");
        var options = Options.Create(new DemoOptions { Manifest = TestMedia.DemoManifest, PackageCache = TestMedia.DemoPackageCache });
        var clips = new DemoCorpus(options, NullLogger<DemoCorpus>.Instance).Resolve().Where(c => c.File is not null).Select(c => c.File!).ToList();
        Assert.True(clips.Count > 0, $"no demo clip of {TestMedia.DemoManifest} is present: run the set-up (scripts/setup.sh test) first");
        return clips;
    }

    private static async Task<JsonElement?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? await response.ReadJsonAsync() : null;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
        catch (TaskCanceledException)
        {
            return null; // busy: try again
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
