using Microsoft.Playwright;

namespace Cbvr.Web.Tests.Support;

/// <summary>
/// One Playwright driver and one headless Chromium, shared by the test classes of the <see cref="BrowserCollection"/>.
/// Each test gets its own browser context (fresh cookies and localStorage) through <see cref="NewPageAsync"/>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not started yet (InitializeAsync)");

    /// <summary>The browser's version, e.g. <c>156.0.8078.108</c>.</summary>
    public string Version => Browser.Version;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A page in a new context whose relative URLs resolve against <paramref name="baseUrl"/>, 1280x800, en-US, UTC.
    /// It records console errors and failed requests; dispose it to close the context.
    /// </summary>
    public async Task<BrowserPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
