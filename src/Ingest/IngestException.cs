namespace Cbvr.Ingest;

/// <summary>An ingest failure caused by the input, with a message a user can act on (it never includes a stack trace).</summary>
public sealed class IngestException : Exception
{
    public IngestException(string message)
        : base(message)
    {
    }

    public IngestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
