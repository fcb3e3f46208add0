using System.Diagnostics;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Cbvr.Ingest.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Cbvr.Detectors.Text;

/// <summary>
/// On-screen text (OCR) with PP-OCRv4 (model <c>ppocr</c>): one <see cref="TextSpan"/> per text line of each shot's keyframe, spanning
/// the shot, in reading order, with its box in keyframe pixels. It reads the keyframe itself by default, or the same time from
/// the source at full resolution (<see cref="OcrOptions.FrameSource"/>) for videos with fine print.
/// </summary>
public sealed class OcrDetector : IShotDetector
{
    public const string ModelName = "ppocr";

    private readonly ModelEntry? _model;
    private readonly OcrOptions _options;
    private readonly SourceFrameReader _frames;
    private readonly ILogger<OcrDetector> _logger;
    private readonly Lazy<OcrEngine> _engine;

    public OcrDetector(InferenceHost host, FfmpegTools tools, IOptions<OcrOptions> options, ILogger<OcrDetector> logger)
    {
        _options = options.Value;
        _frames = new SourceFrameReader(tools);
        _logger = logger;
        _model = host.Registry.Find(ModelName);
        DisabledReason = _model is null ? host.Registry.Describe(ModelName)?.DisabledReason ?? $"model {ModelName} is not known" : null;
        _engine = new Lazy<OcrEngine>(() => CreateEngine(host, _model!, _options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Id => "ocr";

    public int Version => 1;

    public string ModelHash => _model?.Hash ?? "";

    public string? DisabledReason { get; }

    public IReadOnlyList<ConceptDefinition> Concepts => [];

    /// <summary>The engine (loads both models on first use); for reading single images.</summary>
    public OcrEngine Engine => DisabledReason is null ? _engine.Value : throw Disabled();

    public async Task<IReadOnlyList<ShotDetections>> DetectAsync(DetectionInput input, CancellationToken cancellationToken)
    {
        if (DisabledReason is not null)
        {
            throw Disabled();
        }

        var engine = _engine.Value;
        var results = new List<ShotDetections>();
        var clock = Stopwatch.StartNew();
        foreach (var shot in input.Shots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (shot.Keyframe is not { } keyframe || keyframe.Empty())
            {
                continue;
            }

            var lines = await ReadShotAsync(engine, input.SourcePath, shot, keyframe, cancellationToken).ConfigureAwait(false);
            if (lines.Count > 0)
            {
                var texts = lines.Select(l => new TextSpan(Id, shot.StartSeconds, shot.EndSeconds, l.Text, l.Confidence, ToBox(l.Box))).ToList();
                results.Add(new ShotDetections(shot.Index, [], texts));
            }
        }

        _logger.LogDebug("ocr {Video}: {Shots} shots, {Lines} lines in {Ms} ms", input.VideoId, input.Shots.Count, results.Sum(r => r.Texts.Count), clock.ElapsedMilliseconds);
        return results;
    }

    /// <summary>The shot's lines with boxes in keyframe pixels.</summary>
    private async Task<IReadOnlyList<RecognizedLine>> ReadShotAsync(OcrEngine engine, string source, ShotInput shot, Mat keyframe, CancellationToken cancellationToken)
    {
        if (_options.FrameSource == OcrFrameSource.Keyframe || shot.KeyframeSeconds is not { } seconds)
        {
            return engine.Read(keyframe);
        }

        Mat frame;
        try
        {
            frame = await _frames.ReadAsync(source, seconds, _options.SourceFrameMaxSide, TimeSpan.FromSeconds(_options.FrameReadTimeoutSeconds), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            _logger.LogWarning("ocr: full-resolution frame of shot {Shot} not readable, using the keyframe: {Reason}", shot.Index, e.Message);
            return engine.Read(keyframe);
        }

        using (frame)
        {
            var (sx, sy) = ((float)keyframe.Width / frame.Width, (float)keyframe.Height / frame.Height);
            return [.. engine.Read(frame).Select(l => l with { Box = l.Box with { Corners = [.. l.Box.Corners.Select(p => new Point2f(p.X * sx, p.Y * sy))] } })];
        }
    }

    private static BoxF ToBox(TextBox box)
    {
        var b = box.Bounds;
        return new BoxF(b.X, b.Y, b.Width, b.Height);
    }

    private static OcrEngine CreateEngine(InferenceHost host, ModelEntry model, OcrOptions options)
    {
        var decoder = CtcDecoder.FromFile(model.PathOf("keys"));
        return new OcrEngine(
            new TextDetector(host.Load(model, "model"), options),
            new TextRecognizer(host.Load(model, "recognition"), decoder, options),
            options);
    }

    private InvalidOperationException Disabled() => new($"detector {Id} (OCR) is disabled: {DisabledReason}");
}
