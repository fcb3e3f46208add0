using Cbvr.Features;
using Cbvr.Features.Models;
using Cbvr.Tests;
using Microsoft.ML.OnnxRuntime;

namespace Cbvr.Features.Tests.Models;

public sealed class ModelRegistryTests
{
    [Fact]
    public void DefaultModelsAreVerifiedAndUsable()
    {
        var registry = TestModels.Registry(withPack: false);
        registry.Verify();
        foreach (var name in new[] { "resnet18", "silero-vad", "blazeface", "ppocr" })
        {
            var entry = registry.Find(name);
            Assert.NotNull(entry);
            Assert.True(File.Exists(entry.PathOf()), entry.PathOf());
        }
    }

    [Fact]
    public void WithoutThePackItsModelsAreDisabledWithAReason()
    {
        var registry = TestModels.Registry(withPack: false);
        foreach (var name in new[] { "imagenet", "coco", "voc" })
        {
            Assert.Null(registry.Find(name));
            Assert.Contains("no model pack", registry.Describe(name)!.DisabledReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithThePackItsModelsAreUsable()
    {
        Assert.True(TestModels.HasPack, $"model pack not found at {TestModels.PackDirectory}");
        var registry = TestModels.Registry(withPack: true);
        Assert.Equal(["imagenet", "coco", "voc"], new[] { "imagenet", "coco", "voc" }.Where(n => registry.Find(n) is not null));
    }

    [Fact]
    public void ACorruptModelFileIsAnErrorThatNamesIt()
    {
        var folder = TestMedia.NewFolder("cbvr-models-");
        CopyTree(TestModels.ModelsDirectory, folder);
        var vad = Path.Combine(folder, "silero-vad", "silero_vad_16k_op15.onnx");
        var bytes = File.ReadAllBytes(vad);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(vad, bytes);
        var options = TestModels.Options(withPack: false);
        options.Directory = folder;
        var error = Assert.Throws<ModelException>(() => TestModels.Registry(options: options).Verify());
        Assert.Contains("silero-vad", error.Message, StringComparison.Ordinal);
        Assert.Contains(vad, error.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDefaultModelIsAnErrorThatSaysHowToFetchIt()
    {
        var options = TestModels.Options(withPack: false);
        options.Directory = TestMedia.NewFolder("cbvr-models-");
        var error = Assert.Throws<ModelException>(() => TestModels.Registry(options: options).Verify());
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADropInManifestInThePackIsPickedUp()
    {
        var pack = TestMedia.NewFolder("cbvr-pack-");
        var folder = Directory.CreateDirectory(Path.Combine(pack, "tiny")).FullName;
        File.Copy(Path.Combine(TestModels.ModelsDirectory, "silero-vad", "silero_vad_16k_op15.onnx"), Path.Combine(folder, "m.onnx"));
        File.WriteAllText(Path.Combine(folder, ModelRegistry.PackManifestName), $$"""
            { "name": "tiny-clip", "task": "image-text-embedding",
              "files": { "image": { "path": "m.onnx", "sha256": "{{ModelRegistry.Sha256Of(Path.Combine(folder, "m.onnx"))}}" } } }
            """);
        var options = TestModels.Options(withPack: false);
        options.PackDirectory = pack;
        var registry = TestModels.Registry(options: options);
        var entry = Assert.Single(registry.ForTask(ModelTasks.ImageTextEmbedding));
        Assert.Equal("tiny-clip", entry.Name);
        Assert.Equal(Path.Combine(folder, "m.onnx"), entry.PathOf("image"));
    }

    [Fact]
    public void CpuIsChosenAndExplainedWhenCudaIsNotLoadable()
    {
        var options = TestModels.Options(withPack: false);
        options.Provider = ExecutionProviderChoice.Auto;
        using var host = TestModels.CreateHost(options: options);
        // This machine has no GPU: the CUDA provider library or its CUDA dependencies cannot be loaded.
        Assert.False(host.UsesCuda);
        Assert.StartsWith("CPU (CUDA provider not loadable: ", host.ProviderDescription, StringComparison.Ordinal);
        var model = host.Load(host.Registry.Find("resnet18")!);
        Assert.Equal(["Input247"], model.InputNames);
        Assert.IsType<InferenceSession>(model.Session);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/nuget/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
