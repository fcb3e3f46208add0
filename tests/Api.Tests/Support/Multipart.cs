using System.Net.Http.Headers;

namespace Cbvr.Api.Tests;

/// <summary>Multipart bodies as browsers send them: files in parts named <c>file</c>, text fields beside them.</summary>
public static class Multipart
{
    /// <summary>A form with <paramref name="files"/> (file name, bytes) and <paramref name="fields"/>; Content-Length is known.</summary>
    public static MultipartFormDataContent Form(IEnumerable<(string FileName, byte[] Bytes)> files, IEnumerable<(string Name, string Value)>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", fileName);
        }

        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>One file read from disk.</summary>
    public static MultipartFormDataContent File(string path, string? fileName = null, params (string Name, string Value)[] fields) =>
        Form([(fileName ?? Path.GetFileName(path), System.IO.File.ReadAllBytes(path))], fields);

    /// <summary>A form whose one file part streams <paramref name="length"/> bytes of unknown length (chunked: no Content-Length).</summary>
    public static MultipartFormDataContent Chunked(string fileName, long length)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StreamContent(new UnknownLengthStream(length)), "file", fileName);
        return form;
    }

    /// <summary>Zeros of a given length from a stream that cannot tell its length, so HttpClient sends the body chunked.</summary>
    private sealed class UnknownLengthStream(long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
