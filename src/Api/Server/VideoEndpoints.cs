using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Cbvr.Api.Server;

/// <summary>/api/videos: the library, one video with its shots, keyframe images.</summary>
public static class VideoEndpoints
{
    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/videos").WithTags("Videos");
        group.MapGet("/", List).WithName("ListVideos");
        group.MapGet("/{id}", Get).WithName("GetVideo");
        group.MapGet("/{id}/shots/{index:int}/keyframe.jpg", Keyframe).WithName("GetKeyframe");
        return app;
    }

    /// <summary>A page of videos, newest first by default.</summary>
    public static Results<Ok<PageDto<VideoSummaryDto>>, ProblemHttpResult> List(VideoCatalog catalog, AnalysisDto analysis, int offset = 0, int limit = 100, string sort = "ingested", string order = "desc")
    {
        if (offset < 0 || limit is < 1 or > 1000)
        {
            return TypedResults.Problem("offset must be >= 0 and limit between 1 and 1000", statusCode: StatusCodes.Status400BadRequest);
        }

        if (sort is not ("ingested" or "name" or "duration") || order is not ("asc" or "desc"))
        {
            return TypedResults.Problem("sort must be ingested, name or duration; order asc or desc", statusCode: StatusCodes.Status400BadRequest);
        }

        var items = catalog.List(offset, limit, sort, order == "asc").Select(v => Dto.From(v) with { Analysis = analysis.ForVideo(v.Id, 5) }).ToList();
        return TypedResults.Ok(new PageDto<VideoSummaryDto>(items, offset, limit, catalog.Count()));
    }

    public static Results<Ok<VideoDetailDto>, ProblemHttpResult> Get(string id, VideoCatalog catalog, AnalysisDto analysis) =>
        catalog.Find(id) is { } video
            ? TypedResults.Ok(analysis.Detail(video, catalog.Locations(id), catalog.Shots(id)))
            : NotFound($"no video with id '{id}'");

    /// <summary>The keyframe JPEG. Ids are content hashes, so the image never changes: cached for a year.</summary>
    public static Results<PhysicalFileHttpResult, ProblemHttpResult> Keyframe(string id, int index, VideoCatalog catalog, DataDirectory data, HttpContext context)
    {
        var shot = catalog.Find(id) is null ? null : catalog.Shots(id).FirstOrDefault(s => s.Index == index);
        if (shot?.KeyframeFile is not { } file)
        {
            return NotFound($"no keyframe for shot {index} of video '{id}'");
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(Path.Combine(data.VideoFolder(id), file), "image/jpeg", entityTag: new EntityTagHeaderValue($"\"{id}-{index}\""));
    }

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}

/// <summary>A page of a listing and the total count.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total);
