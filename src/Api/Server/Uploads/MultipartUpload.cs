using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Cbvr.Api.Server.Uploads;

/// <summary>
/// Reads a <c>multipart/form-data</c> request straight from the body with <see cref="MultipartReader"/>: every part named
/// <c>file</c> is streamed to <c>FOLDER/&lt;random&gt;/&lt;sanitised name&gt;</c> (never buffered in memory, never the form
/// feature), other parts are small text fields. The files together may hold at most the given number of bytes; past it, or
/// on any error or cancellation, every file written so far is deleted.
/// </summary>
public static class MultipartUpload
{
    /// <summary>The part name that carries files.</summary>
    public const string FilePart = "file";

    /// <summary>Room for part headers and text fields on top of the files' bytes.</summary>
    private const long Overhead = 1 << 20;

    private const int MaxFieldChars = 16 * 1024;

    /// <summary>Saves the request's files under <paramref name="folder"/>; throws <see cref="UploadException"/> for a bad request.</summary>
    public static async Task<UploadedForm> ReadAsync(HttpRequest request, string folder, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Length == 0)
        {
            throw new UploadException(StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not accepted: send multipart/form-data with the clip in a part named '{FilePart}'");
        }

        if (request.ContentLength > maxBytes + Overhead)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + Overhead;
        }

        var files = new List<UploadedFile>();
        try
        {
            var fields = await ReadSectionsAsync(request.Body, HeaderUtilities.RemoveQuotes(type.Boundary).ToString(), folder, maxBytes, files, cancellationToken).ConfigureAwait(false);
            return new UploadedForm(files, fields);
        }
        catch (OverLimitException e)
        {
            DeleteAll(files);
            throw TooLarge(e.Bytes, maxBytes);
        }
        catch (BadHttpRequestException e)
        {
            // The server's own body limit (or a malformed chunked body).
            DeleteAll(files);
            throw e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(request.ContentLength ?? maxBytes + 1, maxBytes)
                : new UploadException(StatusCodes.Status400BadRequest, $"the multipart body cannot be read: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            DeleteAll(files);
            throw new UploadException(StatusCodes.Status400BadRequest, $"the multipart body cannot be read: {e.Message}", e);
        }
        catch
        {
            DeleteAll(files);
            throw;
        }
    }

    private static async Task<Dictionary<string, string>> ReadSectionsAsync(
        Stream body, string boundary, string folder, long maxBytes, List<UploadedFile> files, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, body);
        long total = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw new UploadException(StatusCodes.Status400BadRequest, "a multipart section has no 'Content-Disposition: form-data' header");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
            if (disposition.IsFileDisposition())
            {
                if (!name.Equals(FilePart, StringComparison.Ordinal))
                {
                    throw new UploadException(StatusCodes.Status400BadRequest, $"file part '{name}' is not accepted: send files in parts named '{FilePart}'");
                }

                var file = await SaveAsync(section.Body, folder, SafeFileName.From(ClientName(disposition)), maxBytes - total, files, cancellationToken).ConfigureAwait(false);
                total += file.Length;
            }
            else
            {
                fields[name] = await ReadFieldAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
            }
        }

        return fields;
    }

    private static void DeleteAll(List<UploadedFile> files)
    {
        foreach (var file in files)
        {
            UploadFolders.Delete(file.Path);
        }
    }

    private static string? ClientName(ContentDispositionHeaderValue disposition) =>
        disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString() : HeaderUtilities.RemoveQuotes(disposition.FileName).ToString();

    /// <summary>Streams one part to a new random folder; the file is added to <paramref name="saved"/> before it is written, so errors remove it.</summary>
    private static async Task<UploadedFile> SaveAsync(Stream body, string root, string fileName, long budget, List<UploadedFile> saved, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        saved.Add(new UploadedFile(path, fileName, 0));
        long length = 0;
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > budget)
                {
                    throw new OverLimitException(length);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        if (length == 0)
        {
            throw new UploadException(StatusCodes.Status400BadRequest, $"file part '{fileName}' is empty (0 bytes)");
        }

        var file = new UploadedFile(path, fileName, length);
        saved[^1] = file;
        return file;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var buffer = new char[MaxFieldChars + 1];
        var count = 0;
        int read;
        while (count <= MaxFieldChars && (read = await reader.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false)) > 0)
        {
            count += read;
        }

        return count > MaxFieldChars
            ? throw new UploadException(StatusCodes.Status400BadRequest, $"form field '{name}' is longer than {MaxFieldChars} characters")
            : new string(buffer, 0, count);
    }

    private static UploadException TooLarge(long bytes, long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than the limit of {maxBytes} bytes (Api:MaxUploadBytes); {bytes} bytes or more were sent");

    /// <summary>The files passed the byte budget (internal: becomes a 413 <see cref="UploadException"/>).</summary>
    private sealed class OverLimitException(long bytes) : Exception
    {
        public long Bytes { get; } = bytes;
    }
}
