using System.Globalization;
using Cbvr.Api.Server.Uploads;
using Cbvr.Ingest;
using Cbvr.Ingest.Catalog;
using Cbvr.Ingest.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Cbvr.Api.Server;

/// <summary>/api/videos: the library, one video with its shots, keyframe and thumbnail images, the video file, deletion.</summary>
public static class VideoEndpoints
{
    private const string ImmutableCache = "public, max-age=31536000, immutable";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/videos").WithTags("Videos");
        group.MapGet("/", List).WithName("ListVideos").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A page of the library's videos with their top concepts, sorted by ingest time, name or duration");
        group.MapGet("/{id}", Get).WithName("GetVideo").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One video with its locations, analysis, and shots with their concepts and texts");
        group.MapDelete("/{id}", Delete).WithName("DeleteVideo").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Remove a video from the library: its catalog rows, stored analysis, index entries, and its file if it was uploaded");
        group.MapGet("/{id}/shots/{index:int}/keyframe.jpg", Keyframe).WithName("GetKeyframe").ProducesImage()
            .WithSummary("A shot's keyframe (JPEG, cached for a year)");
        group.MapGet("/{id}/thumbnail.jpg", Thumbnail).WithName("GetThumbnail").ProducesImage()
            .WithSummary("The video's representative keyframe: its middle shot's (JPEG, cached for a year)");
        group.MapGet("/{id}/file", VideoFile).WithName("GetVideoFile").ProducesVideo()
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithSummary("The video for a player, with HTTP range requests: the original when browsers play it (MP4/MOV with H.264, "
                + "WebM), else a browser-playable H.264/AAC MP4 copy, made on the first request (which waits for it); ?original=true: "
                + "the original file as a download");
        group.MapMethods("/{id}/file", [HttpMethods.Head], VideoFileHead).WithName("HeadVideoFile").ProducesVideo()
            .WithSummary("The headers GET /file would answer with; never starts a transcode (before the copy exists: 200 without a length)");
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

        context.Response.Headers.CacheControl = ImmutableCache;
        return TypedResults.PhysicalFile(Path.Combine(data.VideoFolder(id), file), "image/jpeg", entityTag: new EntityTagHeaderValue($"\"{id}-{index}\""));
    }

    /// <summary>The middle shot's keyframe (of the shots that have one), same caching as keyframes.</summary>
    public static Results<PhysicalFileHttpResult, ProblemHttpResult> Thumbnail(string id, VideoCatalog catalog, DataDirectory data, HttpContext context)
    {
        var shots = catalog.Find(id) is null ? [] : catalog.Shots(id).Where(s => s.KeyframeFile is not null).ToList();
        if (shots.Count == 0)
        {
            return NotFound($"no thumbnail for video '{id}': no such video, or it has no keyframe");
        }

        var shot = shots[shots.Count / 2];
        context.Response.Headers.CacheControl = ImmutableCache;
        return TypedResults.PhysicalFile(Path.Combine(data.VideoFolder(id), shot.KeyframeFile!), "image/jpeg", entityTag: new EntityTagHeaderValue($"\"{id}-thumbnail-{shot.Index}\""));
    }

    /// <summary>
    /// What a player plays: the original (first location that still exists) when browsers play it as it is, else the
    /// <see cref="PlaybackRendition"/>, made now when missing; the request waits for it, and leaving stops only this
    /// request's wait, not the transcode other requests share. <paramref name="original"/>: the original bytes as a download.
    /// Both with range requests. The id is the hash of the original bytes, so <c>"ID"</c> is a strong ETag for the original
    /// and <c>"ID-playback-TIME"</c> for the copy (a copy made again, e.g. by a newer ffmpeg, may differ in its bytes).
    /// </summary>
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> VideoFile(
        string id, VideoCatalog catalog, PlaybackRendition playback, HttpContext context, bool original = false)
    {
        var video = catalog.Find(id);
        if (video is null)
        {
            return NotFound($"no video with id '{id}'");
        }

        var path = catalog.Locations(id).FirstOrDefault(File.Exists);
        var playable = BrowserPlayability.OriginalContentType(video);
        if (original || playable is not null)
        {
            if (path is null)
            {
                return NotFound($"video '{id}' has no file left: every location it was ingested from is gone");
            }

            var type = playable ?? (ContentTypes.TryGetContentType(path, out var known) ? known : "application/octet-stream");
            return TypedResults.PhysicalFile(
                path, type, original ? video.FileName : null, File.GetLastWriteTimeUtc(path), new EntityTagHeaderValue($"\"{id}\""), enableRangeProcessing: true);
        }

        var rendition = playback.Existing(id);
        if (rendition is null)
        {
            if (path is null)
            {
                return NotFound($"video '{id}' has no file left to make a playable copy from: every location it was ingested from is gone");
            }

            try
            {
                rendition = await playback.GetOrCreateAsync(video, path, context.RequestAborted);
            }
            catch (PlaybackException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError, title: "No playable copy");
            }
        }

        var made = File.GetLastWriteTimeUtc(rendition);
        var tag = new EntityTagHeaderValue(string.Create(CultureInfo.InvariantCulture, $"\"{id}-playback-{made.Ticks:x}\""));
        return TypedResults.PhysicalFile(rendition, "video/mp4", lastModified: made, entityTag: tag, enableRangeProcessing: true);
    }

    /// <summary>
    /// HEAD of <see cref="VideoFile"/>. A HEAD never starts a transcode: it is what link checkers and prefetchers send, and it
    /// must stay as cheap as it looks. Before the copy exists it answers 200 with the type, no length, and no caching.
    /// </summary>
    public static async Task<Results<Ok, PhysicalFileHttpResult, ProblemHttpResult>> VideoFileHead(
        string id, VideoCatalog catalog, PlaybackRendition playback, HttpContext context, bool original = false)
    {
        if (!original && catalog.Find(id) is { } video && BrowserPlayability.NeedsRendition(video) && playback.Existing(id) is null)
        {
            context.Response.ContentType = "video/mp4";
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok();
        }

        return await VideoFile(id, catalog, playback, context, original) switch
        {
            { Result: PhysicalFileHttpResult file } => file,
            { Result: ProblemHttpResult problem } => problem,
            var other => throw new InvalidOperationException("unexpected result " + other.Result),
        };
    }

    /// <summary>
    /// Removes the video's rows and folder (the search index follows through the catalog's change feed), then the uploaded
    /// copies among its locations: files in the upload area belong to the server; other locations are never touched.
    /// </summary>
    public static Results<NoContent, ProblemHttpResult> Delete(string id, VideoCatalog catalog, DataDirectory data)
    {
        var locations = catalog.Find(id) is null ? [] : catalog.Locations(id);
        if (!catalog.Delete(id, data))
        {
            return NotFound($"no video with id '{id}'");
        }

        var uploads = UploadFolders.Ingest(data);
        foreach (var location in locations.Where(l => UploadFolders.Holds(uploads, l)))
        {
            UploadFolders.Delete(location);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The video responses (whole, partial, not modified, bad range, no such video), for the OpenAPI document.</summary>
    private static RouteHandlerBuilder ProducesVideo(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status200OK, (Type?)null, "video/mp4", "video/webm", "video/x-matroska", "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent).Produces(StatusCodes.Status304NotModified).Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A JPEG (200), not modified (304), or no such image (404), for the OpenAPI document.</summary>
    private static RouteHandlerBuilder ProducesImage(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status200OK, contentType: "image/jpeg").Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}

/// <summary>A page of a listing and the total count.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total);
