using System.Globalization;
using Cbvr.Features.Audio;
using Cbvr.Features.Inference;
using Cbvr.Features.Models;
using Cbvr.Ingest.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cbvr.Detectors.Audio;

/// <summary>
/// Speech recognition with CMU pocketsphinx (US English, run as <c>pocketsphinx_continuous</c>): one <see cref="TextSpan"/> per
/// recognised word (source <c>asr</c>, times in video seconds, the word's posterior as confidence), in the shot that holds the
/// word's middle. By default only the regions the voice activity detector marks as speech are recognised, spliced into one
/// 16-bit WAV file: on narration over music that saves a third of the time, and music and noise give no made-up words. No concepts.
/// </summary>
public sealed class AsrDetector : IShotDetector
{
    public const string DetectorId = "asr";
    public const string TextSource = "asr";

    /// <summary>pocketsphinx is one single-threaded process: it runs beside the other detectors.</summary>
    public bool RunsBeside => true;
    private const int RecognizerSampleRate = 16000;

    private readonly AsrOptions _options;
    private readonly ILogger<AsrDetector> _logger;
    private readonly Lazy<SileroVad>? _vad;
    private readonly Lazy<string> _modelHash;

    public AsrDetector(InferenceHost host, ILogger<AsrDetector> logger, IOptions<AsrOptions> options)
    {
        _options = options.Value;
        _logger = logger;
        DisabledReason = Check(_options);
        if (host.Registry.Find(SileroVad.ModelName) is not null && _options.SpeechRegionsOnly)
        {
            _vad = new Lazy<SileroVad>(() => new SileroVad(host), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        _modelHash = new Lazy<string>(() => DisabledReason is null ? ModelRegistry.Sha256Of(_options.LanguageModel)[..12] : "");
    }

    public string Id => DetectorId;

    public int Version => 1;

    /// <summary>Content tag of the language model file.</summary>
    public string ModelHash => _modelHash.Value;

    public string? DisabledReason { get; }

    public IReadOnlyList<ConceptDefinition> Concepts => [];

    public async Task<IReadOnlyList<ShotDetections>> DetectAsync(DetectionInput input, CancellationToken cancellationToken)
    {
        if (DisabledReason is not null)
        {
            throw new InvalidOperationException($"detector {DetectorId} is disabled: {DisabledReason}");
        }

        if (input.Audio is not { Samples.Length: > 0 } audio || input.Shots.Count == 0)
        {
            return [];
        }

        if (audio.SampleRate != RecognizerSampleRate)
        {
            throw new ArgumentException($"speech recognition needs {RecognizerSampleRate} Hz audio; {audio.Path} is {audio.SampleRate} Hz", nameof(input));
        }

        var words = await RecognizeAsync(audio, cancellationToken).ConfigureAwait(false);
        return Assign(words, input.Shots);
    }

    /// <summary>
    /// The words of <paramref name="audio"/> (16 kHz) with times in track seconds. Long speech is cut at quiet points into parts
    /// recognised by parallel processes (<see cref="AsrOptions.Processes"/>), since one pocketsphinx uses one core.
    /// </summary>
    public async Task<IReadOnlyList<RecognizedWord>> RecognizeAsync(AudioTrack audio, CancellationToken cancellationToken)
    {
        var regions = Regions(audio, cancellationToken);
        var speech = regions.Sum(r => r.Duration);
        var processes = _options.Processes > 0 ? _options.Processes : Environment.ProcessorCount;
        var parts = (int)Math.Clamp(Math.Floor(speech / _options.MinSecondsPerProcess), 1, processes);
        var groups = parts == 1 ? [regions] : Split(regions, parts, QuietnessOf(audio, cancellationToken));
        var results = await Task.WhenAll(groups.Select(g => RecognizePartAsync(audio, g, cancellationToken))).ConfigureAwait(false);
        return [.. results.SelectMany(w => w).OrderBy(w => w.StartSeconds)];
    }

    private async Task<IReadOnlyList<RecognizedWord>> RecognizePartAsync(AudioTrack audio, IReadOnlyList<TimeRange> regions, CancellationToken cancellationToken)
    {
        var spliced = new SplicedAudio(audio.Samples, audio.SampleRate, regions);
        if (spliced.Parts.Count == 0)
        {
            return [];
        }

        var wav = Path.Combine(Path.GetTempPath(), $"cbvr-asr-{Guid.NewGuid():N}.wav");
        try
        {
            WavWriter.WritePcm16(wav, audio.SampleRate, spliced.Parts);
            var timeout = TimeSpan.FromSeconds(_options.TimeoutBaseSeconds + (_options.TimeoutPerAudioSecond * spliced.Seconds));
            List<string> arguments =
            [
                "-infile", wav, "-samprate", RecognizerSampleRate.ToString(CultureInfo.InvariantCulture), "-time", "yes",
                "-hmm", _options.AcousticModel, "-lm", _options.LanguageModel, "-dict", _options.Dictionary,
            ];
            if (_options.FastDecoding)
            {
                arguments.AddRange(["-topn", "2", "-maxwpf", "5", "-maxhmmpf", "3000", "-pl_window", "10"]);
            }

            var result = await ExternalProcess.RunAsync(_options.Program, arguments, timeout, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(_options.Program)} failed on {audio.Path} (exit {result.ExitCode}): {string.Join('\n', result.StandardError.TakeLast(5))}");
            }

            var words = PocketsphinxOutput.Parse(result.StandardOutput)
                .Select(w => w with { StartSeconds = spliced.ToTrack(w.StartSeconds), EndSeconds = spliced.ToTrack(w.EndSeconds) })
                .ToList();
            _logger.LogDebug("asr on {Path}: {Words} words in {Seconds:0.0} s of {Total:0.0} s", audio.Path, words.Count, spliced.Seconds, audio.DurationSeconds);
            return words;
        }
        finally
        {
            File.Delete(wav);
        }
    }

    /// <summary>Speech probability per VAD window (null without a VAD): low values are where a cut loses no word.</summary>
    private ReadOnlyMemory<float>? QuietnessOf(AudioTrack audio, CancellationToken cancellationToken) =>
        _vad is null ? null : _vad.Value.SharedProbabilities(audio.Samples, cancellationToken);

    /// <summary>
    /// Cuts <paramref name="regions"/> into <paramref name="parts"/> groups of about equal speech time, each cut moved to the least
    /// speech-like VAD window within 5 s of its target (the region gaps are the quietest), so words are not split.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<TimeRange>> Split(IReadOnlyList<TimeRange> regions, int parts, ReadOnlyMemory<float>? probabilities)
    {
        var total = regions.Sum(r => r.Duration);
        var cuts = new List<double>();
        for (var k = 1; k < parts; k++)
        {
            var target = TrackTimeAt(regions, total * k / parts);
            cuts.Add(Quietest(target, probabilities, regions));
        }

        cuts.Sort();
        var bounds = new List<double> { double.NegativeInfinity };
        bounds.AddRange(cuts);
        bounds.Add(double.PositiveInfinity);
        var groups = new List<IReadOnlyList<TimeRange>>();
        for (var g = 0; g + 1 < bounds.Count; g++)
        {
            var (from, to) = (bounds[g], bounds[g + 1]);
            var group = regions
                .Where(r => r.End > from && r.Start < to)
                .Select(r => new TimeRange(Math.Max(r.Start, from), Math.Min(r.End, to)))
                .Where(r => r.Duration > 0)
                .ToList();
            if (group.Count > 0)
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    private static double TrackTimeAt(IReadOnlyList<TimeRange> regions, double speechSeconds)
    {
        foreach (var r in regions)
        {
            if (speechSeconds <= r.Duration)
            {
                return r.Start + speechSeconds;
            }

            speechSeconds -= r.Duration;
        }

        return regions[^1].End;
    }

    private static double Quietest(double target, ReadOnlyMemory<float>? probabilities, IReadOnlyList<TimeRange> regions)
    {
        // A gap between regions near the target is silence by construction.
        var gap = regions.Zip(regions.Skip(1), (a, b) => (a.End + b.Start) / 2).Where(t => Math.Abs(t - target) <= 5).OrderBy(t => Math.Abs(t - target)).FirstOrDefault(double.NaN);
        if (!double.IsNaN(gap) || probabilities is not { } p)
        {
            return double.IsNaN(gap) ? target : gap;
        }

        var span = p.Span;
        var centre = (int)(target / SileroVad.WindowSeconds);
        var reach = (int)(5 / SileroVad.WindowSeconds);
        var best = Math.Clamp(centre, 0, span.Length - 1);
        for (var i = Math.Max(0, centre - reach); i <= Math.Min(span.Length - 1, centre + reach); i++)
        {
            if (span[i] < span[best])
            {
                best = i;
            }
        }

        return (best + 0.5) * SileroVad.WindowSeconds;
    }

    /// <summary>The parts of the track to recognise: the speech regions, or the whole track without a VAD.</summary>
    private IReadOnlyList<TimeRange> Regions(AudioTrack audio, CancellationToken cancellationToken)
    {
        if (_vad is null)
        {
            return [new TimeRange(0, audio.DurationSeconds)];
        }

        var mask = SpeechSegments.Mask(_vad.Value.SharedProbabilities(audio.Samples, cancellationToken).Span);
        return SpeechSegments.Regions(mask, SileroVad.WindowSeconds, _options.MergeGapSeconds, _options.PadSeconds, audio.DurationSeconds);
    }

    /// <summary>One text span per word, in the shot that holds its middle (the nearest shot when none does).</summary>
    internal static IReadOnlyList<ShotDetections> Assign(IReadOnlyList<RecognizedWord> words, IReadOnlyList<ShotInput> shots)
    {
        var byShot = new SortedDictionary<int, List<TextSpan>>();
        foreach (var word in words)
        {
            var middle = (word.StartSeconds + word.EndSeconds) / 2;
            var shot = shots.FirstOrDefault(s => middle >= s.StartSeconds && middle < s.EndSeconds)
                ?? shots.MinBy(s => Math.Max(s.StartSeconds - middle, middle - s.EndSeconds))!;
            if (!byShot.TryGetValue(shot.Index, out var spans))
            {
                byShot[shot.Index] = spans = [];
            }

            spans.Add(new TextSpan(TextSource, word.StartSeconds, word.EndSeconds, word.Word, word.Confidence));
        }

        return [.. byShot.Select(p => new ShotDetections(p.Key, [], p.Value))];
    }

    private static string? Check(AsrOptions options)
    {
        if (!File.Exists(options.Program))
        {
            return $"{options.Program} not found: install the Debian package pocketsphinx";
        }

        var missing = new[] { Path.Combine(options.AcousticModel, "mdef"), options.LanguageModel, options.Dictionary }.FirstOrDefault(p => !File.Exists(p));
        return missing is null ? null : $"{missing} not found: install the Debian package pocketsphinx-en-us";
    }
}
