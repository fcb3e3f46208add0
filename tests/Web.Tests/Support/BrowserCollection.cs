namespace Cbvr.Web.Tests.Support;

/// <summary>
/// The browser tests: they share one <see cref="ChromiumFixture"/> and run one class at a time. Put
/// <c>[Collection(BrowserCollection.Name)]</c> on every test class that uses the browser (xunit does not inherit it).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Browser";
}
