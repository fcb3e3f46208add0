using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Cbvr.Web.Tests.Support;

/// <summary>
/// Base of a browser test class: a server of type <typeparamref name="TServer"/> per class (class fixture), the shared
/// browser, pages that are closed after each test, screenshots. Derived classes need
/// <c>[Collection(BrowserCollection.Name)]</c>.
/// </summary>
public abstract class BrowserTest<TServer>(ChromiumFixture chromium, TServer server) : IClassFixture<TServer>, IAsyncLifetime
    where TServer : WebServer
{
    private readonly List<BrowserPage> _pages = [];

    /// <summary>The class's server.</summary>
    protected TServer Server { get; } = server;

    /// <summary>The shared browser.</summary>
    protected ChromiumFixture Chromium { get; } = chromium;

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    protected string BaseUrl => Server.BaseUrl;

    /// <summary>A fresh page (own context) against the server; closed when the test ends.</summary>
    protected async Task<BrowserPage> NewPageAsync()
    {
        var page = await Chromium.NewPageAsync(Server.BaseUrl);
        _pages.Add(page);
        return page;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as screenshots/NAME.png.</summary>
    protected static Task<string> ScreenshotAsync(IPage page, string name) => Screenshots.SaveAsync(page, name);

    /// <summary>
    /// Runs <paramref name="test"/> on a fresh page; when it throws (a failed assertion too), saves a screenshot
    /// <c>FAILED.CLASS.TEST.png</c> first, then lets the exception fail the test.
    /// </summary>
    protected async Task RunAsync(Func<BrowserPage, Task> test, [CallerMemberName] string name = "")
    {
        var page = await NewPageAsync();
        try
        {
            await test(page);
        }
        catch (Exception)
        {
            await TryScreenshotAsync(page.Page, $"FAILED.{GetType().Name}.{name}");
            throw;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.DisposeAsync();
        }

        _pages.Clear();
    }

    private static async Task TryScreenshotAsync(IPage page, string name)
    {
        try
        {
            await Screenshots.SaveAsync(page, name);
        }
        catch (PlaywrightException)
        {
            // The page may be gone (the failure may be that the browser crashed); the test's own exception matters more.
        }
    }
}
