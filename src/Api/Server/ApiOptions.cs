namespace Cbvr.Api.Server;

/// <summary>HTTP API settings (section <c>Api</c>): access control, body limits, rate limits, CORS.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The key write endpoints require (header <c>X-Api-Key</c> or <c>Authorization: Bearer KEY</c>). When empty, a key is
    /// generated on first run, saved to <c>DATA/api-key</c> and printed once.
    /// </summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Who may call read endpoints without the key: <c>Loopback</c> (default), <c>Anyone</c>, or <c>Key</c> (always the key).</summary>
    public ReadAccess ReadAccess { get; set; } = ReadAccess.Loopback;

    /// <summary>Largest uploaded clip (ingest and search by example), in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 4L << 30;

    /// <summary>Largest body of any other request (JSON), in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Search requests each client (remote address) may make per second, with a burst of twice as many; 0 turns the limit off.</summary>
    public int SearchRequestsPerSecond { get; set; } = 20;

    /// <summary>Origins allowed to call the API from other sites' pages; none (default) means no CORS headers at all.</summary>
    public string[] CorsOrigins { get; set; } = [];
}

/// <summary>Who may call read endpoints without the API key.</summary>
public enum ReadAccess
{
    Loopback,
    Anyone,
    Key,
}
