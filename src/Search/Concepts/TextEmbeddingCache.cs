using System.Security.Cryptography;
using System.Text;
using Cbvr.Features.Text;

namespace Cbvr.Search.Concepts;

/// <summary>
/// Embeds texts with <see cref="TextEmbedder"/>, reusing vectors kept in a file: <c>CBVRTEC1</c>, the model hash, the dimension
/// and count, then per text the first 16 bytes of the SHA-256 of its UTF-8 bytes and its vector. A file of another model is
/// ignored; a damaged one is rebuilt (it only holds what can be computed again).
/// </summary>
internal static class TextEmbeddingCache
{
    private static readonly byte[] Magic = "CBVRTEC1"u8.ToArray();

    /// <summary>
    /// One vector per text; only the distinct texts missing from <paramref name="file"/> (all of them when it is null) run through
    /// the model, then the file is rewritten with the vectors of <paramref name="texts"/>.
    /// </summary>
    public static float[][] Embed(TextEmbedder embedder, IReadOnlyList<string> texts, string? file)
    {
        var keys = texts.Select(Key).ToArray();
        var cached = file is null ? [] : Read(file, embedder.ModelHash, embedder.Dimensions);
        var missing = Enumerable.Range(0, texts.Count).Where(i => !cached.ContainsKey(keys[i])).DistinctBy(i => keys[i]).ToList();
        var computed = embedder.Embed([.. missing.Select(i => texts[i])]);
        for (var j = 0; j < missing.Count; j++)
        {
            cached[keys[missing[j]]] = computed[j];
        }

        if (file is not null && missing.Count > 0)
        {
            Write(file, embedder.ModelHash, embedder.Dimensions, keys.Distinct().Select(k => (k, cached[k])));
        }

        return [.. keys.Select(k => cached[k])];
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    private static Dictionary<string, float[]> Read(string file, string modelHash, int dimensions)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return vectors;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(file));
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadString() != modelHash || reader.ReadInt32() != dimensions)
            {
                return vectors;
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = Convert.ToHexString(reader.ReadBytes(16));
                var vector = new float[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    vector[d] = reader.ReadSingle();
                }

                vectors[key] = vector;
            }

            return vectors;
        }
        catch (EndOfStreamException)
        {
            // A cut-off cache (a crash while the rename was not yet done cannot cause it, a copy can) is computed again.
            return [];
        }
    }

    private static void Write(string file, string modelHash, int dimensions, IEnumerable<(string Key, float[] Vector)> entries)
    {
        var full = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream))
            {
                var list = entries.ToList();
                writer.Write(Magic);
                writer.Write(modelHash);
                writer.Write(dimensions);
                writer.Write(list.Count);
                foreach (var (key, vector) in list)
                {
                    writer.Write(Convert.FromHexString(key));
                    foreach (var x in vector)
                    {
                        writer.Write(x);
                    }
                }

                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
