using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cbvr.Ingest.Catalog;

/// <summary>Small helpers for parameterised commands.</summary>
public static class Sql
{
    public static SqliteCommand Command(this SqliteConnection connection, string text, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTimestamp(SqliteDataReader r, int i) =>
        DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ReadOptionalTimestamp(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : ReadTimestamp(r, i);

    public static string? ReadOptionalString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static double? ReadOptionalDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
