using System.CommandLine;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Demo;
using Cbvr.Ingest.Jobs;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr ingest PATH... [--demo]</c>: ingest files and folders with a progress bar; exits 1 when any file failed.</summary>
public static class IngestCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Video files or folders (searched recursively by extension)" };
        var demo = new Option<bool>("--demo") { Description = "Also ingest the demo corpus (clips from Debian packages)" };
        var json = CbvrCommandLine.Json();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or per-file lines" };
        var command = new Command("ingest", "Ingest video files into the library");
        command.Arguments.Add(paths);
        command.Options.Add(demo);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction((r, ct) => RunAsync(global(r), r.GetValue(paths) ?? [], r.GetValue(demo), r.GetValue(json), r.GetValue(quiet), ct));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, string[] paths, bool demo, bool json, bool quiet, CancellationToken cancellationToken)
    {
        if (paths.Length == 0 && !demo)
        {
            await Console.Error.WriteLineAsync("error: nothing to ingest: give files or folders, or --demo").ConfigureAwait(false);
            return 2;
        }

        using var host = await CliHost.StartAsync(global, cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var files = Expand(paths, options.Extensions).ToList();
        if (demo)
        {
            files.AddRange(services.GetRequiredService<DemoCorpus>().Resolve().Where(c => c.File is not null).Select(c => c.File!));
        }

        var queue = services.GetRequiredService<IngestQueue>();
        using var bar = new ProgressBar(services.GetRequiredService<IngestProgressHub>(), files.Count + queue.RecoveredJobs.Count, enabled: !quiet && !json);
        var ids = queue.RecoveredJobs.Concat(files.Select(queue.Enqueue)).ToList();
        if (queue.RecoveredJobs.Count > 0 && !quiet && !json)
        {
            await Console.Error.WriteLineAsync($"resuming {queue.RecoveredJobs.Count} interrupted job(s) first").ConfigureAwait(false);
        }

        var records = new List<JobRecord>();
        try
        {
            foreach (var id in ids)
            {
                records.Add(await queue.WaitAsync(id, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException)
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            var jobs = services.GetRequiredService<JobStore>();
            foreach (var id in ids.Where(id => jobs.Find(id)?.Status == JobStatus.Queued))
            {
                jobs.Finish(id, JobStatus.Cancelled, error: "cancelled before it started");
            }

            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }

        bar.Dispose();
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var failed in records.Where(r => r.Status == JobStatus.Failed))
        {
            await Console.Error.WriteLineAsync($"error: {failed.Path}: {failed.Error}").ConfigureAwait(false);
        }

        if (json)
        {
            Output.WriteJson(records.Select(Dto.From));
        }
        else if (!quiet)
        {
            var ok = records.Count(r => r.Status == JobStatus.Succeeded);
            var skipped = records.Count(r => r.Status == JobStatus.Skipped);
            await Console.Error.WriteLineAsync($"ingested {ok}, already in the library {skipped}, failed {records.Count - ok - skipped}").ConfigureAwait(false);
        }

        return records.All(r => r.Status is JobStatus.Succeeded or JobStatus.Skipped) ? 0 : 1;
    }

    /// <summary>Files as given; folders searched recursively for the configured extensions, in name order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, IReadOnlyCollection<string> extensions)
    {
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return path;
                continue;
            }

            var found = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
                .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in found)
            {
                yield return file;
            }
        }
    }
}
