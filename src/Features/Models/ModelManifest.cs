using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cbvr.Features.Models;

/// <summary>
/// What a model is and how to feed it: one JSON file per model. The built-in manifests ship with the program
/// (<c>models/*.json</c> beside it); a model pack may add its own as <c>cbvr-model.json</c> in any sub-folder, which is how a
/// joint text-image model (task <see cref="ModelTasks.ImageTextEmbedding"/>, roles <c>image</c>, <c>text</c>, <c>tokenizer</c>) is plugged in.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Unique name, used in configuration and logs (e.g. <c>resnet18</c>).</summary>
    public required string Name { get; init; }

    /// <summary>One of <see cref="ModelTasks"/>.</summary>
    public required string Task { get; init; }

    /// <summary><c>models</c>: fetched by the set-up, required. <c>pack</c>: optional, from the model pack.</summary>
    public string Location { get; init; } = ModelLocations.Models;

    /// <summary>Files by role (<c>model</c> is the main ONNX file); paths are relative to the location's folder.</summary>
    public required IReadOnlyDictionary<string, ModelFile> Files { get; init; }

    /// <summary>Where the files come from, e.g. <c>nuget:Microsoft.ML.DnnImageFeaturizer.ResNet18/0.23.1</c>.</summary>
    public string Source { get; init; } = "";

    public string Licence { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>How images are turned into the input tensor (image models only).</summary>
    public ImagePreprocessing? Preprocessing { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}

/// <summary>One file of a model and its expected SHA-256 (lower-case hex).</summary>
public sealed record ModelFile(string Path, string Sha256);

/// <summary>Image to tensor: resize, channel order, scaling and layout.</summary>
public sealed record ImagePreprocessing
{
    public int Width { get; init; }

    public int Height { get; init; }

    public ResizeMode Resize { get; init; } = ResizeMode.CentreCrop;

    /// <summary>Channel order the model expects.</summary>
    public ColourOrder Colour { get; init; } = ColourOrder.Rgb;

    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;

    /// <summary>Pixel values are multiplied by this first (e.g. 1/255).</summary>
    public float Scale { get; init; } = 1;

    /// <summary>Then per channel (in the model's channel order) <c>(v - mean) / std</c>.</summary>
    public float[] Mean { get; init; } = [0, 0, 0];

    public float[] Std { get; init; } = [1, 1, 1];

    /// <summary>Fill value of the padding (letterbox), in pixel units before scaling.</summary>
    public float PadValue { get; init; }
}

public enum ResizeMode
{
    /// <summary>Centre square crop, then resize.</summary>
    CentreCrop,

    /// <summary>Resize to the size, aspect not kept.</summary>
    Stretch,

    /// <summary>Aspect kept, image in the top-left corner, the rest padded.</summary>
    Letterbox,
}

public enum ColourOrder
{
    Rgb,
    Bgr,
}

public enum TensorLayout
{
    Nchw,
    Nhwc,
}

/// <summary>Task names used in manifests.</summary>
public static class ModelTasks
{
    public const string ImageEmbedding = "image-embedding";
    public const string ImageClassification = "image-classification";
    public const string ObjectDetection = "object-detection";
    public const string Segmentation = "segmentation";
    public const string FaceDetection = "face-detection";
    public const string TextDetection = "text-detection";
    public const string VoiceActivity = "voice-activity";
    public const string TextEmbedding = "text-embedding";

    /// <summary>A CLIP-style model: image and text towers in one embedding space (roles <c>image</c>, <c>text</c>, <c>tokenizer</c>).</summary>
    public const string ImageTextEmbedding = "image-text-embedding";
}

public static class ModelLocations
{
    public const string Models = "models";
    public const string Pack = "pack";
}
