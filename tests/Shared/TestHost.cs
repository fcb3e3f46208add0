using Cbvr.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cbvr.Tests;

/// <summary>The ingest layer's real services over a fresh data directory, configured like the product.</summary>
public sealed class TestHost : IDisposable
{
    /// <param name="settings">Configuration overrides.</param>
    /// <param name="configure">Registers further layers (e.g. features and detectors) before ingest.</param>
    public TestHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        DataDirectory = TestMedia.NewFolder("cbvr-data-");
        var config = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Demo:Manifest"] = TestMedia.DemoManifest,
            ["Demo:PackageCache"] = TestMedia.DemoPackageCache,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        configure?.Invoke(services);
        services.AddCbvrIngest(null);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string DataDirectory { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        Services.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
