using Microsoft.Playwright;

namespace Cbvr.Web.Tests.Support;

/// <summary>
/// A page in its own browser context that records what went wrong while it ran: console errors, uncaught script errors,
/// requests that failed on the network and responses with an HTTP error status. Requests the browser cancelled itself
/// (net::ERR_ABORTED, e.g. an event stream or image left behind by a navigation) are not failures, and neither is the
/// browser's own request for /favicon.ico (it comes at no fixed time, so counting it would make tests flaky).
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _failedRequests = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsFavicon(message.Location))
            {
                Add(_consoleErrors, $"console error: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => Add(_consoleErrors, "uncaught error: " + error);
        page.RequestFailed += (_, request) =>
        {
            if (request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                Add(_failedRequests, $"{request.Method} {request.Url}: {failure}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsFavicon(response.Url))
            {
                Add(_failedRequests, $"{response.Request.Method} {response.Url}: HTTP {response.Status}");
            }
        };
    }

    /// <summary>The page (relative URLs resolve against the server's base URL).</summary>
    public IPage Page { get; }

    /// <summary>The page's own context (cookies, localStorage).</summary>
    public IBrowserContext Context { get; }

    /// <summary>Console errors and uncaught script errors so far.</summary>
    public IReadOnlyList<string> ConsoleErrors => Snapshot(_consoleErrors);

    /// <summary>Network failures and HTTP error responses of the page's requests so far.</summary>
    public IReadOnlyList<string> FailedRequests => Snapshot(_failedRequests);

    /// <summary>Fails the test, listing them, when there were console errors or failed requests.</summary>
    public void AssertNoErrors()
    {
        var problems = ConsoleErrors.Concat(FailedRequests).ToList();
        Assert.True(problems.Count == 0, $"the page at {Page.Url} reported {problems.Count} problem(s):\n" + string.Join('\n', problems));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    /// <summary>Whether a URL or console location (<c>URL:LINE:COLUMN</c>) is the site's /favicon.ico.</summary>
    private static bool IsFavicon(string urlOrLocation) => urlOrLocation.Contains("/favicon.ico", StringComparison.Ordinal);

    private static void Add(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
