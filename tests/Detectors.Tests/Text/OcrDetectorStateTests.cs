using Cbvr.Detectors.Text;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Cbvr.Ingest;
using Cbvr.Ingest.Media;
using Cbvr.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cbvr.Detectors.Tests.Text;

public sealed class OcrDetectorStateTests
{
    [Fact]
    public void WithTheModel_IsEnabled_AndHasNoConcepts()
    {
        var detector = OcrTestSupport.Detector(OcrFrameSource.Keyframe);

        Assert.Null(detector.DisabledReason);
        Assert.Equal("ocr", detector.Id);
        Assert.Equal(TestModels.Model("ppocr").Hash, detector.ModelHash);
        Assert.Empty(detector.Concepts);
    }

    [Fact]
    public async Task WithoutTheModel_IsDisabled_AndDetectThrowsNamingIt()
    {
        var options = TestModels.Options(withPack: false);
        var registry = new ModelRegistry(options, NullLogger<ModelRegistry>.Instance, TestMedia.NewFolder("cbvr-no-manifests-"));
        using var host = new InferenceHost(Options.Create(options), registry, NullLogger<InferenceHost>.Instance);
        var detector = new OcrDetector(host, new FfmpegTools(Options.Create(new IngestOptions())), Options.Create(new OcrOptions()), NullLogger<OcrDetector>.Instance);

        Assert.NotNull(detector.DisabledReason);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => detector.DetectAsync(new DetectionInput("v", "v.mp4", 1, [], null), CancellationToken.None));
        Assert.Contains("ocr", error.Message, StringComparison.Ordinal);
    }
}
