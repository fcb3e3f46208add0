namespace Cbvr.Ingest.Catalog;

/// <summary>
/// Tables a later layer keeps in the catalog (e.g. detector results). Applied in the same migration pass as the core schema;
/// <see cref="Version"/> is recorded per <see cref="Component"/>, so a part is applied once per version.
/// </summary>
public interface ICatalogSchemaPart
{
    string Component { get; }

    int Version { get; }

    /// <summary>Idempotent DDL (CREATE ... IF NOT EXISTS) bringing the part to <see cref="Version"/>.</summary>
    string Sql { get; }
}
