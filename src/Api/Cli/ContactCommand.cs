using System.CommandLine;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Contact;
using Cbvr.Ingest.Jobs;
using Cbvr.Ingest.Shots;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr contact VIDEO -o sheet.jpg</c>: every shot's keyframe in one image, to check shot detection by eye.</summary>
public static class ContactCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var video = new Argument<string>("video") { Description = "A video id (or unique prefix) in the library, or a video file" };
        var output = new Option<string>("--output", "-o") { Description = "JPEG file to write", Required = true };
        var columns = new Option<int>("--columns") { Description = "Tiles per row", DefaultValueFactory = _ => 6 };
        var command = new Command("contact", "Write a contact sheet of a video's shots");
        command.Arguments.Add(video);
        command.Options.Add(output);
        command.Options.Add(columns);
        command.SetAction((r, ct) => RunAsync(global(r), r.GetValue(video)!, r.GetValue(output)!, r.GetValue(columns), ct));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, string video, string output, int columns, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(global);
        var services = host.Services;
        var catalog = services.GetRequiredService<VideoCatalog>();
        var record = catalog.FindByPrefix(video);
        if (record is null && File.Exists(video))
        {
            record = catalog.Find(await IngestPipeline.HashAsync(video, cancellationToken).ConfigureAwait(false));
        }

        List<ContactSheet.Tile> tiles;
        string title;
        if (record is not null)
        {
            var folder = services.GetRequiredService<DataDirectory>().VideoFolder(record.Id);
            tiles = [.. catalog.Shots(record.Id)
                .Where(s => s.KeyframeFile is not null)
                .Select(s => new ContactSheet.Tile(File.ReadAllBytes(Path.Combine(folder, s.KeyframeFile!)), ContactSheet.Label(s.Index, s.StartSeconds, s.Transition.ToString().ToLowerInvariant())))];
            title = $"{record.FileName}  {Output.Duration(record.DurationSeconds)}  {record.ShotCount} shots  ({record.Id[..12]})";
        }
        else if (File.Exists(video))
        {
            try
            {
                var (analysis, keyframes) = await services.GetRequiredService<ShotAnalyzer>().AnalyzeAsync(video, cancellationToken).ConfigureAwait(false);
                tiles = [.. analysis.Shots
                    .Where(s => keyframes.ContainsKey(s.Index))
                    .Select(s => new ContactSheet.Tile(keyframes[s.Index], ContactSheet.Label(s.Index, s.StartSeconds, s.Transition.ToString().ToLowerInvariant())))];
                title = $"{Path.GetFileName(video)}  {Output.Duration(analysis.Info.DurationSeconds ?? 0)}  {analysis.Shots.Count} shots  (not in the library)";
            }
            catch (IngestException e)
            {
                await Console.Error.WriteLineAsync($"error: {video}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }
        else
        {
            await Console.Error.WriteLineAsync($"error: {video}: neither a video id in the library nor a file").ConfigureAwait(false);
            return 1;
        }

        await File.WriteAllBytesAsync(output, ContactSheet.Render(tiles, title, columns), cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"wrote {output}: {tiles.Count} shots").ConfigureAwait(false);
        return 0;
    }
}
