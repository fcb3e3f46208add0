using System.Text.Json;

namespace Cbvr.Api.Tests;

/// <summary>Reading JSON as the API and <c>--json</c> print it (camelCase), without binding to the server's own types.</summary>
public static class JsonHelpers
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync());

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? throw new InvalidOperationException(name + " is null");

    public static double Num(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    public static IReadOnlyList<JsonElement> Items(this JsonElement array)
    {
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        return [.. array.EnumerateArray()];
    }
}
