using Cbvr.Search.Text;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Text;

/// <summary>Small builders for test videos and an on-disk index in a fresh temp folder that is removed afterwards.</summary>
internal static class TextCorpus
{
    public static VideoTextDocument Video(string id, string? asr = null, string? ocr = null, string? file = null,
        string? title = null, params string[] concepts)
    {
        var segments = new List<TextSegment>();
        if (asr is not null)
        {
            segments.Add(new TextSegment(1, "asr", 1.0, 4.0, asr));
        }

        if (ocr is not null)
        {
            segments.Add(new TextSegment(2, "ocr", 5.0, 6.0, ocr));
        }

        return new VideoTextDocument(id, file ?? id + ".mp4", title, concepts, segments);
    }

    /// <summary>
    /// Ordinary videos with speech and on-screen text, so that document frequencies look like a real collection rather
    /// than a handful of videos that all share the query words.
    /// </summary>
    public static VideoTextDocument[] Fillers(int count)
    {
        string[] screens = ["BREAKING NEWS", "SALE {0}% OFF", "CHANNEL {0}", "WEATHER TODAY", "GOAL! {0}-1", "LIVE FROM CITY HALL"];
        string[] speech = ["today the weather is sunny", "the team scored in minute {0}", "prices fall by {0} percent",
            "the mayor opened the bridge", "a cat sleeps on the sofa", "we cook pasta with tomatoes"];
        return Enumerable.Range(0, count).Select(i => Video(
            $"filler{i}",
            asr: string.Format(System.Globalization.CultureInfo.InvariantCulture, speech[i % speech.Length], i),
            ocr: string.Format(System.Globalization.CultureInfo.InvariantCulture, screens[i % screens.Length], i))).ToArray();
    }

    public static TempIndex NewIndex(params VideoTextDocument[] videos)
    {
        var index = new TempIndex();
        foreach (var video in videos)
        {
            index.Index.Upsert(video);
        }

        index.Index.Commit(1);
        return index;
    }

    public static string[] Ids(IReadOnlyList<TextHit> hits) => hits.Select(h => h.VideoId).ToArray();
}

/// <summary>A <see cref="TextIndex"/> on real files in a temp folder; <see cref="Reopen"/> simulates a restart.</summary>
internal sealed class TempIndex : IDisposable
{
    public TempIndex() => Index = TextIndex.Open(Folder);

    public string Folder { get; } = TestMedia.NewFolder("cbvr-text-index-");

    public TextIndex Index { get; private set; }

    public void Reopen()
    {
        Index.Dispose();
        Index = TextIndex.Open(Folder);
    }

    public void Dispose()
    {
        Index.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
