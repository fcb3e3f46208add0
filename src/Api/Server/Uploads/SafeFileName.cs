using System.Text;

namespace Cbvr.Api.Server.Uploads;

/// <summary>
/// A client's file name made safe to store as a display name and a file name inside a folder the server chose: the last
/// path component only, letters, digits and a few punctuation marks, no leading dot, at most 100 characters.
/// </summary>
public static class SafeFileName
{
    private const int MaxLength = 100;

    /// <summary>The sanitised name; <c>upload</c> (with the extension, when it is safe) when nothing usable is left.</summary>
    public static string From(string? clientName)
    {
        var name = (clientName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' or '(' or ')' or '+' or ',' ? c : '_');
        }

        var clean = builder.ToString().Trim(' ');
        var extension = Extension(clean);
        var stem = (extension.Length > 0 ? clean[..^extension.Length] : clean).Trim(' ', '.');
        if (stem.Length == 0 || stem.All(c => c == '_'))
        {
            stem = "upload";
        }

        stem = stem.Length > MaxLength - extension.Length ? stem[..(MaxLength - extension.Length)].TrimEnd(' ', '.') : stem;
        return stem + extension;
    }

    /// <summary>The extension with its dot when it is 1 to 10 ASCII letters or digits, else empty.</summary>
    private static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return "";
        }

        var extension = name[(dot + 1)..];
        return extension.Length is >= 1 and <= 10 && extension.All(char.IsAsciiLetterOrDigit) ? name[dot..].ToLowerInvariant() : "";
    }
}
