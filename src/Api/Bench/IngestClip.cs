using System.Globalization;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Demo;
using Cbvr.Ingest.Jobs;
using Cbvr.Ingest.Media;

namespace Cbvr.Api.Bench;

/// <summary>
/// The clip to ingest during the load when none is given: a demo clip the library does not hold yet; else the library's demo
/// clip nearest 15 s re-muxed (streams copied) with a unique tag, so its bytes, and so its content id, are new; else a
/// generated test pattern. Always through ffmpeg with a time limit.
/// </summary>
public static class IngestClip
{
    private const double PreferredSeconds = 15;

    public static async Task<string> ChooseAsync(DemoCorpus demo, VideoCatalog catalog, FfmpegTools ffmpeg, string scratch, CancellationToken cancellationToken)
    {
        var known = catalog.AllIds();
        var clips = demo.Resolve().Where(c => c.File is not null).Select(c => c.File!).ToList();
        var held = new List<(string File, double Seconds)>();
        foreach (var file in clips)
        {
            var id = await IngestPipeline.HashAsync(file, cancellationToken).ConfigureAwait(false);
            if (!known.Contains(id))
            {
                return file;
            }

            held.Add((file, catalog.Find(id)?.DurationSeconds ?? 0));
        }

        var tag = "cbvr-bench-" + Guid.NewGuid().ToString("N");
        var output = Path.Combine(scratch, tag + ".mkv");
        List<string> input = held.Count > 0
            ? ["-i", FfmpegTools.InputUrl(held.MinBy(h => Math.Abs(h.Seconds - PreferredSeconds)).File), "-map", "0", "-c", "copy"]
            : ["-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size=320x240:rate=25:duration={PreferredSeconds}"), "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"];
        var result = await ExternalProcess.RunAsync(
            ffmpeg.FfmpegPath,
            ["-hide_banner", "-nostdin", "-loglevel", "error", .. input, "-metadata", "comment=" + tag, "-y", "file:" + output],
            TimeSpan.FromMinutes(2),
            cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && File.Exists(output)
            ? output
            : throw new InvalidOperationException($"bench api: ffmpeg could not make a clip to ingest ({string.Join(" / ", result.StandardError.TakeLast(3))}); give one with --ingest");
    }
}
