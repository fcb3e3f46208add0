using System.Runtime.InteropServices;

namespace Cbvr.Search.Vectors;

/// <content>Saving and loading the graph (USearch's own file format, written atomically).</content>
public sealed unsafe partial class AnnIndex
{
    /// <summary>Loads a graph saved by <see cref="Save"/>; its stored quantization and connectivity win over <paramref name="options"/>.</summary>
    public static AnnIndex Load(string path, AnnOptions options)
    {
        options.Validate();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ANN index file '{path}' does not exist", path);
        }
        var handle = UsearchHandle.Create(null);
        try
        {
            nint error = 0;
            UsearchNative.Load(handle.DangerousGetHandle(), path, &error);
            if (error != 0)
            {
                throw new InvalidDataException($"ANN index file '{path}' could not be loaded (corrupt or truncated?): " +
                    Marshal.PtrToStringUTF8(error));
            }
            var dimensions = (int)UsearchNative.Dimensions(handle.DangerousGetHandle(), &error);
            return new AnnIndex(handle, dimensions, options);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Writes the graph atomically: to a temporary file, flushed to disk, then renamed over <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        try
        {
            Read(() =>
            {
                nint error = 0;
                UsearchNative.Save(Native, temp, &error);
                UsearchNative.Check(error, $"saving '{path}'");
                return 0;
            });
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Flush(flushToDisk: true); // USearch wrote through its own handle; fsync covers the file's data
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
