using Cbvr.Api.Cli;

return await CbvrCommandLine.RunAsync(args).ConfigureAwait(false);

/// <summary>The entry point; partial so tests can use <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
