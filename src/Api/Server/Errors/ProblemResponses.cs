namespace Cbvr.Api.Server.Errors;

/// <summary>
/// Every error is an RFC 7807 problem document: exceptions (500 without details; a body the endpoint cannot read keeps its
/// 4xx, e.g. 400 malformed JSON or 413 body too large) and bodiless error statuses set by the framework (404 unknown route,
/// 405, 415, and the like) through the status-code pages.
/// </summary>
public static class ProblemResponses
{
    public static IApplicationBuilder UseCbvrProblemResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
