using System.Security.Cryptography;

namespace Cbvr.Search.Concepts;

/// <summary>
/// The index file: <c>CBVRCIX1</c>, the caller's sequence number (int64), video slots and concept count (int32), the indexed
/// videos (count, then ids as 7-bit varint deltas), then per concept its live postings (count, then for each a varint id delta
/// and the byte value), and a SHA-256 of all that. Tombstones are left out, so saving compacts.
/// </summary>
public sealed partial class ConceptIndex
{
    private static readonly byte[] Magic = "CBVRCIX1"u8.ToArray();

    /// <summary>Writes the index to <paramref name="path"/> atomically (a temporary file, flushed to disk, then renamed over it).</summary>
    public void Save(string path, long sequence)
    {
        using var payload = new MemoryStream();
        _lock.EnterReadLock();
        try
        {
            using var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(sequence);
            writer.Write(_videoSlots);
            writer.Write(_lists.Length);
            writer.Write7BitEncodedInt(_videoCount);
            var previous = -1;
            for (var v = 0; v < _videoSlots; v++)
            {
                if (_videoConcepts[v] is not null)
                {
                    writer.Write7BitEncodedInt(v - previous);
                    previous = v;
                }
            }

            foreach (var list in _lists)
            {
                writer.Write7BitEncodedInt(list.Live);
                previous = -1;
                for (var i = 0; i < list.Count; i++)
                {
                    if (list.Values[i] != 0)
                    {
                        writer.Write7BitEncodedInt(list.Videos[i] - previous);
                        writer.Write(list.Values[i]);
                        previous = list.Videos[i];
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(bytes);
                file.Write(SHA256.HashData(bytes));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/>; a damaged file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static ConceptIndex Load(string path, out long sequence)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Corrupt(path, "not a concept index file (wrong header)");
        }

        var content = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            throw Corrupt(path, "checksum mismatch (truncated or damaged)");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, content.Length, writable: false));
            reader.ReadBytes(Magic.Length);
            sequence = reader.ReadInt64();
            return Read(reader);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or InvalidDataException or OverflowException or ArgumentException)
        {
            throw Corrupt(path, e.Message, e);
        }
    }

    private static ConceptIndex Read(BinaryReader reader)
    {
        var slots = reader.ReadInt32();
        var conceptCount = reader.ReadInt32();
        var videoCount = reader.Read7BitEncodedInt();
        if (slots < 0 || conceptCount < 0 || videoCount < 0 || videoCount > slots)
        {
            throw new InvalidDataException($"bad sizes: {slots} video slots, {conceptCount} concepts, {videoCount} videos");
        }

        var present = new bool[slots];
        var previous = -1;
        for (var i = 0; i < videoCount; i++)
        {
            previous = NextId(reader, previous, slots);
            present[previous] = true;
        }

        var lists = new PostingList[conceptCount];
        var perVideo = new int[slots];
        for (var c = 0; c < conceptCount; c++)
        {
            var count = reader.Read7BitEncodedInt();
            if (count < 0 || count > videoCount)
            {
                throw new InvalidDataException($"concept {c} has {count} postings for {videoCount} videos");
            }

            var videos = new int[count];
            var values = new byte[count];
            previous = -1;
            for (var i = 0; i < count; i++)
            {
                previous = videos[i] = NextId(reader, previous, slots);
                values[i] = reader.ReadByte();
                if (values[i] == 0 || !present[previous])
                {
                    throw new InvalidDataException($"concept {c}: bad posting for video {previous}");
                }

                perVideo[previous]++;
            }

            lists[c] = PostingList.From(videos, values);
        }

        var index = new ConceptIndex { _lists = lists, _videoSlots = slots, _videoCount = videoCount, _videoConcepts = new int[]?[slots] };
        for (var v = 0; v < slots; v++)
        {
            index._videoConcepts[v] = present[v] ? new int[perVideo[v]] : null;
            perVideo[v] = 0;
        }

        for (var c = 0; c < conceptCount; c++)
        {
            var list = lists[c];
            for (var i = 0; i < list.Count; i++)
            {
                var v = list.Videos[i];
                index._videoConcepts[v]![perVideo[v]++] = c;
            }
        }

        return index;
    }

    private static int NextId(BinaryReader reader, int previous, int slots)
    {
        var delta = reader.Read7BitEncodedInt();
        var id = previous + delta;
        if (delta <= 0 || id < 0 || id >= slots)
        {
            throw new InvalidDataException($"video id out of order or range after {previous}");
        }

        return id;
    }

    private static InvalidDataException Corrupt(string path, string why, Exception? inner = null) =>
        new($"concept index {path} is corrupt: {why}; delete it to rebuild the index from the stored detections", inner);
}
