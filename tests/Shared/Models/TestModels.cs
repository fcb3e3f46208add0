using Cbvr.Features;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cbvr.Tests;

/// <summary>
/// The real models for tests: the default ones the set-up fetched into <c>.cache/models</c>, and the model pack at
/// <c>../shared/models</c> (or <c>CBVR_TEST_MODEL_PACK</c>), as CI has them.
/// </summary>
public static class TestModels
{
    public static string ModelsDirectory => Path.Combine(TestMedia.RepositoryRoot, ".cache", "models");

    public static string PackDirectory =>
        Environment.GetEnvironmentVariable("CBVR_TEST_MODEL_PACK") is { Length: > 0 } env ? env
        : Path.GetFullPath(Path.Combine(TestMedia.RepositoryRoot, "..", "shared", "models"));

    /// <summary>True when the model pack is present (CI and development machines).</summary>
    public static bool HasPack => Directory.Exists(PackDirectory);

    private static readonly Lazy<InferenceHost> SharedHost = new(() => CreateHost(withPack: true));

    /// <summary>One host with the pack for the whole test run, so every model is loaded once.</summary>
    public static InferenceHost Host => SharedHost.Value;

    public static ModelOptions Options(bool withPack = true) => new()
    {
        Directory = ModelsDirectory,
        PackDirectory = withPack ? PackDirectory : "",
        Provider = ExecutionProviderChoice.Cpu,
    };

    public static ModelRegistry Registry(bool withPack = true, ModelOptions? options = null) =>
        new(options ?? Options(withPack), NullLogger<ModelRegistry>.Instance, Path.Combine(AppContext.BaseDirectory, "models"));

    public static InferenceHost CreateHost(bool withPack = true, ModelOptions? options = null)
    {
        var opts = options ?? Options(withPack);
        return new InferenceHost(Microsoft.Extensions.Options.Options.Create(opts), Registry(withPack, opts), NullLogger<InferenceHost>.Instance);
    }

    /// <summary>The usable model <paramref name="name"/> from <see cref="Host"/>; fails the test when it is not there.</summary>
    public static ModelEntry Model(string name) =>
        Host.Registry.Find(name) ?? throw new InvalidOperationException($"model {name} is not available: {Host.Registry.Describe(name)?.DisabledReason ?? "unknown"}");
}
