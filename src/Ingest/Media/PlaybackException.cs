namespace Cbvr.Ingest.Media;

/// <summary>A browser-playable copy could not be made; the message names the video and ffmpeg's cause.</summary>
public sealed class PlaybackException : Exception
{
    public PlaybackException(string message)
        : base(message)
    {
    }

    public PlaybackException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
