namespace Cbvr.Web.Tests.Support;

/// <summary>The real server on Kestrel with content analysis on (features and detectors run in each ingest job).</summary>
public class AnalysingWebServer : WebServer
{
    protected override bool AnalysisEnabled => true;
}
