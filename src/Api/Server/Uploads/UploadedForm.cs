namespace Cbvr.Api.Server.Uploads;

/// <summary>A file of a multipart request saved on disk: where it is, the sanitised name the client gave it, its size.</summary>
public sealed record UploadedFile(string Path, string FileName, long Length);

/// <summary>What a multipart request held: its files (saved on disk, in request order) and its form fields.</summary>
public sealed record UploadedForm(IReadOnlyList<UploadedFile> Files, IReadOnlyDictionary<string, string> Fields);

/// <summary>A multipart request that cannot be accepted, with the HTTP status and a detail naming the part and the cause.</summary>
public sealed class UploadException(int statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
}
