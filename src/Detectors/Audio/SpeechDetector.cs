using Cbvr.Features.Audio;
using Cbvr.Features.Inference;
using Microsoft.Extensions.Logging;

namespace Cbvr.Detectors.Audio;

/// <summary>
/// Speech in the audio track (Silero VAD): per shot, the concept <c>speech:speech</c> scored by the fraction of the shot's
/// time (with audio) that is speech, windows of 32 ms decided with hysteresis (on above 0.5, off below 0.35).
/// Shots of a video without audio, or past the end of its audio, get nothing.
/// </summary>
public sealed class SpeechDetector : IShotDetector
{
    public const string DetectorId = "speech";
    public const string SpeechConcept = DetectorId + ":speech";

    private readonly ILogger<SpeechDetector> _logger;
    private readonly Lazy<SileroVad>? _vad;

    public SpeechDetector(InferenceHost host, ILogger<SpeechDetector> logger)
    {
        _logger = logger;
        var entry = host.Registry.Find(SileroVad.ModelName);
        if (entry is null)
        {
            DisabledReason = host.Registry.Describe(SileroVad.ModelName)?.DisabledReason ?? $"model {SileroVad.ModelName} is not known";
            ModelHash = "";
        }
        else
        {
            ModelHash = entry.Hash;
            _vad = new Lazy<SileroVad>(() => new SileroVad(host), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    public string Id => DetectorId;

    public int Version => 1;

    public string ModelHash { get; }

    public string? DisabledReason { get; }

    public IReadOnlyList<ConceptDefinition> Concepts { get; } =
    [
        new(SpeechConcept, "speech", ["talking", "speaking", "voice", "spoken", "narration", "conversation", "dialogue", "speaker"],
            "Someone speaks: human speech is audible in the shot's audio track."),
    ];

    public Task<IReadOnlyList<ShotDetections>> DetectAsync(DetectionInput input, CancellationToken cancellationToken)
    {
        var vad = Vad();
        if (input.Audio is not { Samples.Length: > 0 } audio)
        {
            return Task.FromResult<IReadOnlyList<ShotDetections>>([]);
        }

        var mask = SpeechMask(vad, audio, cancellationToken);
        var results = new List<ShotDetections>(input.Shots.Count);
        foreach (var shot in input.Shots)
        {
            if (SpeechSegments.Fraction(mask, SileroVad.WindowSeconds, audio.DurationSeconds, shot.StartSeconds, shot.EndSeconds) is { } fraction)
            {
                results.Add(new ShotDetections(shot.Index, [new ConceptScore(SpeechConcept, (float)fraction)], []));
            }
        }

        _logger.LogDebug("speech in {Video}: {Ratio:P0} of {Seconds:0} s", input.VideoId, SpeechSegments.Ratio(mask), audio.DurationSeconds);
        return Task.FromResult<IReadOnlyList<ShotDetections>>(results);
    }

    /// <summary>Fraction of the whole track that is speech, in [0,1] (for reports); 0 for an empty track.</summary>
    public double SpeechRatio(AudioTrack audio, CancellationToken cancellationToken = default) =>
        SpeechSegments.Ratio(SpeechMask(Vad(), audio, cancellationToken));

    private static bool[] SpeechMask(SileroVad vad, AudioTrack audio, CancellationToken cancellationToken)
    {
        if (audio.SampleRate != SileroVad.SampleRate)
        {
            throw new ArgumentException($"speech detection needs {SileroVad.SampleRate} Hz audio; {audio.Path} is {audio.SampleRate} Hz", nameof(audio));
        }

        return SpeechSegments.Mask(vad.SharedProbabilities(audio.Samples, cancellationToken).Span);
    }

    private SileroVad Vad() =>
        _vad?.Value ?? throw new InvalidOperationException($"detector {DetectorId} is disabled: {DisabledReason}");
}
