namespace Cbvr.Web.Tests;

/// <summary>Settings shared by the UI tests' servers.</summary>
internal static class UiSettings
{
    /// <summary>Analysis steps the UI tests do not need (speech, text, faces, audio): off, so that ingest stays quick.</summary>
    public static Dictionary<string, string?> FastAnalysis { get; } = new()
    {
        ["Analysis:Disabled:0"] = "asr",
        ["Analysis:Disabled:1"] = "ocr",
        ["Analysis:Disabled:2"] = "faces",
        ["Analysis:Disabled:3"] = "mfcc",
        ["Analysis:Disabled:4"] = "mfcc-words",
        ["Analysis:Disabled:5"] = "speech",
        ["Analysis:Disabled:6"] = "voc",
    };
}
