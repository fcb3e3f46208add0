using System.Text.Json;
using Cbvr.Ingest.Catalog;

namespace Cbvr.Detectors.Storage;

/// <summary>A concept of the bank with where it comes from: a built-in detector or a user-trained model.</summary>
public sealed record BankConcept(string Id, string Detector, string Name, IReadOnlyList<string> Synonyms, string Description, string Kind)
{
    public const string BuiltIn = "builtin";
    public const string Trained = "trained";
}

/// <summary>
/// Every concept Cbvr can score, with names, synonyms and descriptions: what text queries are mapped onto. Built-in concepts
/// are refreshed from the enabled detectors at start; trained concepts are added when a user trains one.
/// </summary>
public sealed class ConceptBank(CatalogDatabase database)
{
    /// <summary>Makes the bank's concepts of <paramref name="detector"/> exactly <paramref name="concepts"/>.</summary>
    public void Replace(string detector, IEnumerable<ConceptDefinition> concepts, string kind = BankConcept.BuiltIn)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        using (var delete = connection.Command("DELETE FROM concepts WHERE detector = $d AND kind = $k", tx, ("$d", detector), ("$k", kind)))
        {
            delete.ExecuteNonQuery();
        }

        foreach (var c in concepts)
        {
            Upsert(connection, tx, detector, c, kind);
        }

        tx.Commit();
    }

    /// <summary>Adds or replaces one concept.</summary>
    public void Upsert(string detector, ConceptDefinition concept, string kind)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        Upsert(connection, tx, detector, concept, kind);
        tx.Commit();
    }

    public void Remove(string id)
    {
        using var connection = database.Open();
        using var command = connection.Command("DELETE FROM concepts WHERE id = $id", null, ("$id", id));
        command.ExecuteNonQuery();
    }

    /// <summary>Concepts, optionally of one detector or kind, ordered by id.</summary>
    public IReadOnlyList<BankConcept> List(string? detector = null, string? kind = null)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "SELECT id, detector, name, synonyms, description, kind FROM concepts WHERE ($d IS NULL OR detector = $d) AND ($k IS NULL OR kind = $k) ORDER BY id",
            null,
            ("$d", detector), ("$k", kind));
        using var reader = command.ExecuteReader();
        var result = new List<BankConcept>();
        while (reader.Read())
        {
            result.Add(Read(reader));
        }

        return result;
    }

    private static BankConcept Read(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), JsonSerializer.Deserialize<string[]>(r.GetString(3)) ?? [], r.GetString(4), r.GetString(5));

    public BankConcept? Find(string id)
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT id, detector, name, synonyms, description, kind FROM concepts WHERE id = $id", null, ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static void Upsert(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction tx, string detector, ConceptDefinition c, string kind)
    {
        using var insert = connection.Command(
            "INSERT OR REPLACE INTO concepts (id, detector, name, synonyms, description, kind) VALUES ($id, $d, $n, $s, $desc, $k)",
            tx,
            ("$id", c.Id), ("$d", detector), ("$n", c.Name), ("$s", JsonSerializer.Serialize(c.Synonyms)), ("$desc", c.Description), ("$k", kind));
        insert.ExecuteNonQuery();
    }
}
