using System.Collections.Concurrent;

namespace Cbvr.Api.Bench;

/// <summary>The first few error messages of a run (with how many times each came), for the report; touched only when a request fails.</summary>
public sealed class ErrorLog(int keep = 10)
{
    private readonly ConcurrentDictionary<string, int> _messages = new(StringComparer.Ordinal);

    public void Add(string message)
    {
        if (_messages.Count < keep || _messages.ContainsKey(message))
        {
            _messages.AddOrUpdate(message, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The kept messages, most frequent first, as <c>COUNTx MESSAGE</c>.</summary>
    public IReadOnlyList<string> Messages =>
        [.. _messages.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Value}x {m.Key}")];
}
