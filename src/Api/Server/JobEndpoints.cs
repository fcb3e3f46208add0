using Cbvr.Ingest.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cbvr.Api.Server;

/// <summary>/api/jobs: ingest jobs with status, progress and errors.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapGet("/", (JobStore jobs, int limit = 100) => TypedResults.Ok(jobs.List(Math.Clamp(limit, 1, 1000)).Select(Dto.From).ToList())).WithName("ListJobs");
        group.MapGet("/{id:long}", Get).WithName("GetJob");
        return app;
    }

    public static Results<Ok<JobDto>, ProblemHttpResult> Get(long id, JobStore jobs) =>
        jobs.Find(id) is { } job ? TypedResults.Ok(Dto.From(job)) : VideoEndpoints.NotFound($"no job with id {id}");
}
