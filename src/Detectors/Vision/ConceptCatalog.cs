using System.Text;

namespace Cbvr.Detectors.Vision;

/// <summary>
/// Builds concept definitions from a model's label file: one class per line, <c>name, synonym, ...</c>. The concept id is
/// <c>detector:slug</c>, the slug being the first name in lower case with every run of other characters than letters and digits
/// turned into one <c>_</c> (<c>great white shark</c> -> <c>great_white_shark</c>, <c>jack-o'-lantern</c> -> <c>jack_o_lantern</c>).
/// </summary>
public static class ConceptCatalog
{
    /// <summary>The slug of a class name.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '_')
            {
                slug.Append('_');
            }
        }

        return slug.ToString().TrimEnd('_');
    }

    /// <summary>The lines of a label file, trimmed, blank lines dropped.</summary>
    public static string[] ReadLabels(string path) =>
        [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>
    /// One concept per label line, in order. Classes whose first names share a slug (ImageNet has two <c>crane</c>s) are all
    /// told apart, each by its second name when it has one, else by its class index (<c>crane_134</c>, <c>crane_517</c>).
    /// </summary>
    public static ConceptDefinition[] FromLabels(string detectorId, IReadOnlyList<string> lines, string describe)
    {
        var names = lines.Select(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var slugs = names.Select(n => Slug(n[0])).ToArray();
        var shared = slugs.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var taken = slugs.Where(s => !shared.Contains(s)).ToHashSet(StringComparer.Ordinal);
        var concepts = new ConceptDefinition[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var slug = slugs[i];
            if (shared.Contains(slug))
            {
                var bySynonym = names[i].Length > 1 ? slug + "_" + Slug(names[i][1]) : null;
                slug = bySynonym is not null && !taken.Contains(bySynonym) && !slugs.Contains(bySynonym) ? bySynonym : $"{slug}_{i}";
                if (!taken.Add(slug))
                {
                    throw new InvalidOperationException($"{detectorId}: label {i} ('{lines[i]}') has no unique concept id");
                }
            }

            concepts[i] = new ConceptDefinition($"{detectorId}:{slug}", names[i][0], names[i][1..], $"{describe}: {lines[i]}");
        }

        return concepts;
    }
}
