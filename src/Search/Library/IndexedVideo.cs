using Cbvr.Search.Text;

namespace Cbvr.Search.Library;

/// <summary>What the indexes hold of one video, read from the catalog and the feature store.</summary>
public sealed record IndexedVideo(
    VideoEntry Entry,
    VideoTextDocument Text,
    IReadOnlyDictionary<string, float> Concepts,
    IReadOnlyDictionary<string, float[]> Vectors);

/// <summary>A searchable video's metadata, kept in memory for filters and results.</summary>
public sealed record VideoEntry(int Ordinal, string Id, string FileName, double DurationSeconds, DateTimeOffset IngestedAt, bool HasSpeech, bool HasText, int Shots);
