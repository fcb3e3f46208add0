namespace Cbvr.Api.Server;

/// <summary>A job queued by an ingest request: its id, what it ingests (the uploaded file's name or the server path), its address.</summary>
public sealed record IngestedJobDto(long JobId, string Source, string Url);

/// <summary>The answer to an ingest request (202): one job per file.</summary>
public sealed record IngestAcceptedDto(IReadOnlyList<IngestedJobDto> Jobs);

/// <summary>Server-side files to ingest (<c>POST /api/ingest/paths</c>), each inside <c>Ingest:AllowedRoots</c>.</summary>
public sealed record IngestPathsRequest(IReadOnlyList<string?>? Paths);
