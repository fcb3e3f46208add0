namespace Cbvr.Ingest.Shots;

/// <summary>How a shot begins.</summary>
public enum TransitionKind
{
    /// <summary>The first shot of the video.</summary>
    Start,

    /// <summary>An abrupt cut between two sampled frames.</summary>
    Cut,

    /// <summary>A dissolve, fade or wipe spread over several sampled frames.</summary>
    Gradual,
}

/// <summary>A detected boundary: the sampled frame that begins the new shot, its time, kind and histogram distance.</summary>
public sealed record ShotBoundary(int FrameIndex, double TimeSeconds, TransitionKind Kind, double Distance);
