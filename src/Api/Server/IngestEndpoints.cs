using Cbvr.Api.Server.Uploads;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Cbvr.Ingest.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cbvr.Api.Server;

/// <summary>/api/ingest: uploaded clips (streamed multipart) and server-side files inside the allowed folders become ingest jobs.</summary>
public static class IngestEndpoints
{
    /// <summary>Most paths one request may queue.</summary>
    public const int MaxPaths = 1000;

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ingest").WithTags("Ingest");
        group.MapPost("/", Upload).WithName("IngestUpload")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Upload clips (multipart/form-data, parts named 'file') and queue one ingest job per clip")
            .AcceptsMultipart("the clips to ingest, streamed to disk; together at most Api:MaxUploadBytes");
        group.MapPost("/paths", Paths).WithName("IngestPaths")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Queue server-side files for ingest; each must be inside Ingest:AllowedRoots");
        return app;
    }

    public static async Task<Results<Accepted<IngestAcceptedDto>, ProblemHttpResult>> Upload(
        HttpRequest request, IngestQueue queue, DataDirectory data, IOptions<ApiOptions> options, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        UploadedForm form;
        try
        {
            form = await MultipartUpload.ReadAsync(request, UploadFolders.Ingest(data), options.Value.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: "Bad upload");
        }

        if (form.Files.Count == 0)
        {
            return TypedResults.Problem($"no file in the request: send the clip in a multipart part named '{MultipartUpload.FilePart}' with a file name", statusCode: StatusCodes.Status400BadRequest, title: "Bad upload");
        }

        var jobs = new List<IngestedJobDto>();
        foreach (var file in form.Files)
        {
            var id = queue.Enqueue(file.Path);
            _ = RemoveUnlessIngestedAsync(queue, id, file.Path, lifetime.ApplicationStopping);
            jobs.Add(new IngestedJobDto(id, file.FileName, JobEndpoints.Url(id)));
        }

        return TypedResults.Accepted(jobs[0].Url, new IngestAcceptedDto(jobs));
    }

    public static Results<Accepted<IngestAcceptedDto>, ProblemHttpResult> Paths(IngestPathsRequest? request, IngestQueue queue, SourcePolicy sources, IOptions<IngestOptions> options)
    {
        var roots = options.Value.AllowedRoots;
        if (roots.Length == 0)
        {
            return TypedResults.Problem("path ingest is disabled: set Ingest:AllowedRoots to the folders the server may read", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        if (request?.Paths is not { Count: > 0 } paths)
        {
            return BadPath("paths: give at least one server-side file path");
        }

        if (paths.Count > MaxPaths)
        {
            return BadPath($"paths: {paths.Count} paths given; at most {MaxPaths} per request");
        }

        for (var i = 0; i < paths.Count; i++)
        {
            if (Check(paths[i], i, roots, sources) is { } problem)
            {
                return problem;
            }
        }

        var jobs = paths.Select(p => queue.Enqueue(p!)).Select((id, i) => new IngestedJobDto(id, paths[i]!, JobEndpoints.Url(id))).ToList();
        return TypedResults.Accepted(jobs[0].Url, new IngestAcceptedDto(jobs));
    }

    /// <summary>
    /// Null when <paramref name="path"/> may be ingested. Outside the roots is 403 whether or not the file exists (no probing
    /// of other folders); a link inside the roots that leads out is 403 too; every other cause is 400.
    /// </summary>
    private static ProblemHttpResult? Check(string? path, int index, string[] roots, SourcePolicy sources)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return BadPath($"paths[{index}] is empty");
        }

        if (!Path.IsPathFullyQualified(path))
        {
            return BadPath($"path '{path}' is not absolute: give the full server-side path");
        }

        if (path.Split('/', '\\').Contains(".."))
        {
            return BadPath($"path '{path}' contains '..': give the path without parent-folder steps");
        }

        var full = Path.GetFullPath(path);
        var rootForms = roots.Select(Path.GetFullPath).SelectMany(r => new[] { r, SourcePolicy.RealPath(r) ?? r }).ToList();
        if (!rootForms.Any(r => SourcePolicy.IsInside(full, r)))
        {
            return Forbidden($"path '{path}' is outside the allowed folders (Ingest:AllowedRoots)");
        }

        if (SourcePolicy.RealPath(full) is { } real && !rootForms.Any(r => SourcePolicy.IsInside(real, r)))
        {
            return Forbidden($"path '{path}' leads through a link to '{real}', outside the allowed folders (Ingest:AllowedRoots)");
        }

        try
        {
            sources.Check(full);
            return null;
        }
        catch (IngestException e)
        {
            return BadPath($"path '{path}': {e.Message}");
        }
    }

    /// <summary>
    /// Once an uploaded clip's job has failed or been cancelled, nothing refers to the file: it is deleted. A shutdown leaves
    /// it, as the job goes back to the queue for the next start.
    /// </summary>
    private static async Task RemoveUnlessIngestedAsync(IngestQueue queue, long jobId, string path, CancellationToken stopping)
    {
        try
        {
            var job = await queue.WaitAsync(jobId, stopping).ConfigureAwait(false);
            if (job.Status is JobStatus.Failed or JobStatus.Cancelled)
            {
                UploadFolders.Delete(path);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private static ProblemHttpResult BadPath(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad path");

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
