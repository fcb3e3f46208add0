using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Cbvr.Ingest.Sources;

/// <summary>
/// Checks a source path before anything reads it: inside the allowed roots (after resolving links) or the data directory's
/// upload folder, a regular file, readable, not empty.
/// </summary>
public sealed partial class SourcePolicy(IOptions<IngestOptions> options, DataDirectory data)
{
    /// <summary>The canonical path of an acceptable source file; throws <see cref="IngestException"/> with the cause.</summary>
    public string Check(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
        {
            throw new IngestException($"not a valid path: {e.Message}", e);
        }

        if (Directory.Exists(full))
        {
            throw new IngestException("is a directory, not a file");
        }

        if (!File.Exists(full) && !IsLink(full))
        {
            throw new IngestException("file not found");
        }

        var real = RealPath(full) ?? throw new IngestException("file not found (broken link)");
        var roots = options.Value.AllowedRoots;
        if (roots.Length > 0 && !roots.Append(data.UploadsRoot).Any(r => IsInside(real, RealPath(Path.GetFullPath(r)) ?? Path.GetFullPath(r))))
        {
            throw new IngestException($"outside the allowed folders (Ingest:AllowedRoots: {string.Join(", ", roots)})");
        }

        if (!IsRegularFile(real))
        {
            throw new IngestException("not a regular file (a device, pipe or socket)");
        }

        if (new FileInfo(real).Length == 0)
        {
            throw new IngestException("file is empty (0 bytes)");
        }

        try
        {
            using var probe = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IngestException("permission denied: the file cannot be read", e);
        }
        catch (IOException e)
        {
            throw new IngestException($"cannot be read: {e.Message}", e);
        }

        return real;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both canonical).</summary>
    public static bool IsInside(string path, string root)
    {
        var r = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.Equals(root, StringComparison.Ordinal) || path.StartsWith(r, StringComparison.Ordinal);
    }

    /// <summary>The canonical absolute path with every link resolved (realpath(3)); null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var result = NativeRealPath(path, IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            Marshal.FreeHGlobal(result);
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>FileInfo reports FIFOs and sockets as plain files, and opening a FIFO would block the reader forever: ask stat(2).</summary>
    private static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return File.Exists(path);
        }

        var status = new byte[256];
        if (Stat(path, status) != 0)
        {
            return false;
        }

        // struct stat on x86_64/arm64 glibc: st_mode is a 32-bit field at offset 24 (x86_64) or 16 (aarch64).
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        var stMode = BitConverter.ToUInt32(status, offset);
        return (stMode & 0xF000) == 0x8000;
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte[] buffer);
}
