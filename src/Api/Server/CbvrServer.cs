using System.Text.Json;
using System.Text.Json.Serialization;
using Cbvr.Api.Cli;
using Cbvr.Api.Server.Docs;
using Cbvr.Api.Server.Errors;
using Cbvr.Api.Server.Observability;
using Cbvr.Api.Server.Security;
using Cbvr.Search;
using Cbvr.Ingest;
using Microsoft.Extensions.FileProviders;

namespace Cbvr.Api.Server;

/// <summary>Builds the web application: configuration, services of every layer, endpoints, static UI.</summary>
public static class CbvrServer
{
    public static WebApplication Build(GlobalOptions global, string? urls, bool demo)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = global.Settings });
        builder.Configuration.AddProgramSettings();
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(ServeCommand.DefaultUrl);
        }

        builder.Services.AddCbvrSearch(syncInBackground: true);
        builder.Services.AddCbvrIngest(global.DataDirectory);
        builder.Services.AddCbvrPlaybackWarmup();
        builder.Services.AddSingleton<AnalysisDto>();
        builder.Services.AddProblemDetails();
        builder.Services.AddCbvrSecurity();
        builder.Services.AddCbvrObservability();
        builder.Services.AddCbvrApiDocs();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        if (demo)
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        var app = builder.Build();
        app.UseCbvrProblemResponses();

        // Static UI files come before routing: always open. Everything routed passes metrics, CORS, the key check, rate limits.
        var web = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = web });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = web });
        app.UseRouting();
        app.UseCbvrHttpMetrics();
        app.UseCbvrSecurity();
        app.MapVideoEndpoints();
        app.MapJobEndpoints();
        app.MapSearchEndpoints();
        app.MapIngestEndpoints();
        app.MapConceptEndpoints();
        app.MapCbvrObservability();
        app.MapCbvrApiDocs();
        return app;
    }
}
