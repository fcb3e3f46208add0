using System.CommandLine;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Search.Library;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr delete ID...</c>: removes videos from the library (catalog rows, stored frames and features, index entries).</summary>
public static class DeleteCommand
{
    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var ids = new Argument<string[]>("videos") { Arity = ArgumentArity.OneOrMore, Description = "Video ids or unique prefixes" };
        var command = new Command("delete", "Remove videos from the library and its search index (the source files are not touched)");
        command.Arguments.Add(ids);
        command.SetAction(r =>
        {
            using var host = CliHost.Build(global(r));
            var catalog = host.Services.GetRequiredService<VideoCatalog>();
            var data = host.Services.GetRequiredService<DataDirectory>();
            var status = 0;
            foreach (var value in r.GetValue(ids) ?? [])
            {
                if (catalog.FindByPrefix(value) is not { } video)
                {
                    Console.Error.WriteLine($"error: no video '{value}' in the library (id or unique prefix)");
                    status = 2;
                    continue;
                }

                catalog.Delete(video.Id, data);
                Console.Out.WriteLine($"deleted {video.Id} ({video.FileName})");
            }

            // The index catches up now rather than at the next search (a running server's catches up by itself).
            try
            {
                host.Services.GetRequiredService<SearchLibrary>().Sync();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("note: " + e.Message);
            }

            return status;
        });
        return command;
    }
}
