namespace Cbvr.Api.Cli;

/// <summary>
/// What <c>cbvr bench api</c> runs: clients searching for a time while clips are ingested, on a scratch copy of a library.
/// </summary>
/// <param name="Clients">Concurrent clients, each one request at a time.</param>
/// <param name="Seconds">Length of the load.</param>
/// <param name="RateLimit">Api:SearchRequestsPerSecond for the bench server (0: off).</param>
/// <param name="QueriesFile">Requests to cycle through (else the built-in mix drawn from the library).</param>
/// <param name="IngestFiles">Clips to upload during the load (else one new to the library is chosen or made).</param>
/// <param name="FloorSeconds">Length of each floor measurement after the load.</param>
public sealed record ApiBenchOptions(int Clients, double Seconds, int RateLimit, string? QueriesFile, IReadOnlyList<string> IngestFiles, double FloorSeconds)
{
    /// <summary>The ingest starts this share of the load's length in, so there is a window before it to compare with.</summary>
    public const double IngestStartShare = 0.2;
}
