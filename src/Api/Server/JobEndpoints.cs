using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cbvr.Api.Server;

/// <summary>/api/jobs: ingest jobs with status, progress and errors.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapGet("/", (JobStore jobs, IngestProgressHub live, int limit = 100) => TypedResults.Ok(jobs.List(Math.Clamp(limit, 1, 1000)).Select(j => WithStage(Dto.From(j), live)).ToList())).WithName("ListJobs");
        group.MapGet("/{id:long}", Get).WithName("GetJob");
        return app;
    }

    public static Results<Ok<JobDto>, ProblemHttpResult> Get(long id, JobStore jobs, IngestProgressHub live) =>
        jobs.Find(id) is { } job ? TypedResults.Ok(WithStage(Dto.From(job), live)) : VideoEndpoints.NotFound($"no job with id {id}");

    /// <summary>A running job's current step (<c>decode</c>, <c>analysis: ocr</c>) from this process's live progress.</summary>
    private static JobDto WithStage(JobDto job, IngestProgressHub live) => live.Get(job.Id) is { Stage: { } stage } ? job with { Stage = stage } : job;
}
