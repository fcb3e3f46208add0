using System.Globalization;
using Cbvr.Api.Server.Events;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cbvr.Api.Server;

/// <summary>/api/jobs: ingest jobs with status, progress and errors, live progress streams, cancellation.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapGet("/", List).WithName("ListJobs")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Recent ingest jobs, newest first, optionally only those in one status");
        group.MapGet("/events", AllEvents).WithName("JobEvents")
            .WithSummary("Server-sent events (event 'job', data a job) for every progress change of any job, the active jobs' state first");
        group.MapGet("/{id:long}", Get).WithName("GetJob")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One ingest job with its progress, error and timings");
        group.MapGet("/{id:long}/events", JobEvents).WithName("JobEventsOfJob").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Server-sent events of one job's progress; the stream ends after its terminal event");
        group.MapDelete("/{id:long}", Cancel).WithName("CancelJob")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a queued or running ingest job");
        return app;
    }

    /// <summary>The address of a job.</summary>
    public static string Url(long id) => "/api/jobs/" + id.ToString(CultureInfo.InvariantCulture);

    public static Results<Ok<List<JobDto>>, ProblemHttpResult> List(JobStore jobs, IngestProgressHub live, int limit = 100, string? status = null)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.Problem($"limit {limit} is out of range (1 to 1000)", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
        }

        JobStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return TypedResults.Problem($"status '{status}' is not a job status (queued, running, succeeded, skipped, failed, cancelled)", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
            }

            only = parsed;
        }

        return TypedResults.Ok(jobs.List(limit, only).Select(j => WithStage(Dto.From(j), live)).ToList());
    }

    public static Results<Ok<JobDto>, ProblemHttpResult> Get(long id, JobStore jobs, IngestProgressHub live) =>
        jobs.Find(id) is { } job ? TypedResults.Ok(WithStage(Dto.From(job), live)) : NoJob(id);

    public static ServerSentEventsResult<JobDto> AllEvents(HttpContext context, JobStore jobs, IngestProgressHub live, IHostApplicationLifetime lifetime) =>
        Stream(new JobEventStream(null, jobs, live), context, lifetime);

    public static Results<ServerSentEventsResult<JobDto>, ProblemHttpResult> JobEvents(long id, HttpContext context, JobStore jobs, IngestProgressHub live, IHostApplicationLifetime lifetime) =>
        jobs.Find(id) is null ? NoJob(id) : Stream(new JobEventStream(id, jobs, live), context, lifetime);

    /// <summary>202 when the job is cancelled or will be when it starts; 409 when it has ended or is another process's.</summary>
    public static Results<Accepted<JobDto>, ProblemHttpResult> Cancel(long id, JobStore jobs, IngestQueue queue, IngestProgressHub live)
    {
        if (jobs.Find(id) is not { } job)
        {
            return NoJob(id);
        }

        if (job.IsFinished)
        {
            return TypedResults.Problem($"job {id} has already ended ({Dto.From(job).Status}); only queued or running jobs can be cancelled", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        return JobCancellation.Request(id, queue, live)
            ? TypedResults.Accepted(Url(id), WithStage(Dto.From(jobs.Find(id) ?? job), live))
            : TypedResults.Problem($"job {id} is not queued in this server (a 'cbvr ingest' process owns it); cancel it there", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
    }

    /// <summary>A running job's current step (<c>decode</c>, <c>analysis: ocr</c>) from this process's live progress.</summary>
    private static JobDto WithStage(JobDto job, IngestProgressHub live) => live.Get(job.Id) is { Stage: { } stage } ? job with { Stage = stage } : job;

    /// <summary>The stream ends when the client disconnects or the server stops.</summary>
    private static ServerSentEventsResult<JobDto> Stream(JobEventStream stream, HttpContext context, IHostApplicationLifetime lifetime)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(stop);
        context.Response.RegisterForDispose(stream);
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // A flush sends the headers (StartAsync alone does not reach the client on every server), so the client knows it is subscribed.
        return TypedResults.ServerSentEvents(stream.ReadAllAsync(() => context.Response.Body.FlushAsync(stop.Token), stop.Token));
    }

    private static ProblemHttpResult NoJob(long id) => VideoEndpoints.NotFound($"no job with id {id}");
}
