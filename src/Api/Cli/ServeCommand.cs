using System.CommandLine;
using Cbvr.Api.Server;

namespace Cbvr.Api.Cli;

/// <summary><c>cbvr serve</c>: the HTTP server (API and web UI) with the ingest queue.</summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create(Func<ParseResult, GlobalOptions> global)
    {
        var urls = new Option<string?>("--urls") { Description = $"Address(es) to listen on, ';'-separated (default {DefaultUrl})" };
        var demo = new Option<bool>("--demo") { Description = "Ingest the demo corpus when the library is empty" };
        var command = new Command("serve", "Run the server");
        command.Options.Add(urls);
        command.Options.Add(demo);
        command.SetAction((r, ct) => RunAsync(global(r), r.GetValue(urls), r.GetValue(demo), ct));
        return command;
    }

    public static async Task<int> RunAsync(GlobalOptions global, string? urls, bool demo, CancellationToken cancellationToken)
    {
        var app = CbvrServer.Build(global, urls, demo);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
