using Cbvr.Detectors.Storage;
using Cbvr.Search.Library;

namespace Cbvr.Search.Queries;

/// <summary>An example of a query-by-example: its vectors per space, adjusted concepts (ordinals), and its spoken and written text.</summary>
internal sealed record ExampleVideo(string Id, int Ordinal, IReadOnlyDictionary<string, float[]> Vectors, int[] Concepts, float[] ConceptValues, string Text)
{
    /// <summary>A video of the library, read from the indexes.</summary>
    public static ExampleVideo FromLibrary(LibraryView view, VideoEntry entry, DetectionStore detections)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var space in view.VectorSpaces)
        {
            var index = view.Vectors(space)!;
            var vector = new float[index.Dimensions];
            if (index.TryGet(entry.Ordinal, vector))
            {
                vectors[space] = vector;
            }
        }

        var (concepts, values) = view.Concepts.ConceptsOf(entry.Ordinal);
        var text = string.Join(' ', detections.Texts(entry.Id).Select(t => t.Text));
        return new ExampleVideo(entry.Id, entry.Ordinal, vectors, concepts, values, text);
    }

    /// <summary>A clip analysed in the example area.</summary>
    public static ExampleVideo FromUpload(IndexedVideo video, SearchLibrary library)
    {
        var (concepts, values) = library.AdjustConcepts(video.Concepts);
        return new ExampleVideo(video.Entry.Id, -1, video.Vectors, concepts, values, string.Join(' ', video.Text.Segments.Select(s => s.Text)));
    }
}
