namespace Cbvr.Detectors.Audio;

/// <summary>Settings of the speech recogniser (section <c>Detectors:Asr</c>); the defaults are the Debian packages' paths.</summary>
public sealed class AsrOptions
{
    public const string Section = "Detectors:Asr";

    /// <summary>The pocketsphinx_continuous program (Debian package <c>pocketsphinx</c>).</summary>
    public string Program { get; set; } = "/usr/bin/pocketsphinx_continuous";

    /// <summary>Folder with the US English models (Debian package <c>pocketsphinx-en-us</c>).</summary>
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Recognise only the regions the voice activity detector marks as speech (faster on videos with little speech).</summary>
    public bool SpeechRegionsOnly { get; set; } = true;

    /// <summary>Speech runs closer than this many seconds are recognised as one region.</summary>
    public double MergeGapSeconds { get; set; } = 1.0;

    /// <summary>Seconds of audio kept before and after each speech region.</summary>
    public double PadSeconds { get; set; } = 0.3;

    /// <summary>Time limit of one recogniser run: this many seconds plus <see cref="TimeoutPerAudioSecond"/> per second of audio given.</summary>
    public double TimeoutBaseSeconds { get; set; } = 30;

    public double TimeoutPerAudioSecond { get; set; } = 8;

    /// <summary>
    /// Narrower search (<c>-topn 2 -maxwpf 5 -maxhmmpf 3000 -pl_window 10</c>): about 3.4x faster on narration over music
    /// (real-time factor 0.37 instead of 1.26 on one core) for a few lost words. Frame skipping (<c>-ds 2</c>) would be faster
    /// still but makes words depend on where the audio starts, so it is not used.
    /// </summary>
    public bool FastDecoding { get; set; } = true;

    /// <summary>Recogniser processes run at once on one track (pocketsphinx is single-threaded); 0: one per core.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 64)]
    public int Processes { get; set; }

    /// <summary>A track is split over several processes only into parts of at least this many seconds of speech.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public double MinSecondsPerProcess { get; set; } = 20;

    public string AcousticModel => Path.Combine(ModelDirectory, "en-us");

    public string LanguageModel => Path.Combine(ModelDirectory, "en-us.lm.bin");

    public string Dictionary => Path.Combine(ModelDirectory, "cmudict-en-us.dict");
}
