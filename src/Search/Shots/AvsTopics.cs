using System.Xml;

namespace Cbvr.Search.Shots;

/// <summary>
/// Reads ad-hoc search topics: a TSV file, one <c>TOPIC&lt;TAB&gt;TEXT</c> a line (blank lines and lines starting with
/// <c>#</c> skipped), or a TRECVID topic XML file, recognised by its first character <c>&lt;</c>: every
/// <c>videoAdhocSearchTopic</c> (AVS) or <c>videoTopic</c> (earlier search tasks) element with a <c>num</c> attribute and a
/// <c>textDescription</c> child whose <c>text</c> attribute is the query. Malformed input throws
/// <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class AvsTopics
{
    private static readonly string[] TopicElements = ["videoAdhocSearchTopic", "videoTopic"];

    public static IReadOnlyList<AvsTopic> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: file not found");
        }

        var text = File.ReadAllText(path);
        var topics = text.TrimStart().StartsWith('<') ? ReadXml(path, text) : ReadTsv(path, text);
        if (topics.Count == 0)
        {
            throw new InvalidDataException($"{path}: no topics");
        }

        var duplicate = topics.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{path}: line {duplicate.ElementAt(1).Line}: topic {duplicate.Key} again (first on line {duplicate.First().Line})");
        }

        return topics;
    }

    private static List<AvsTopic> ReadTsv(string path, string content)
    {
        var topics = new List<AvsTopic>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                throw new InvalidDataException($"{path}: line {i + 1}: expected TOPIC<TAB>TEXT, found no tab");
            }

            topics.Add(Topic(path, i + 1, line[..tab].Trim(), line[(tab + 1)..]));
        }

        return topics;
    }

    private static List<AvsTopic> ReadXml(string path, string content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true };
        var topics = new List<AvsTopic>();
        using var reader = XmlReader.Create(new StringReader(content), settings);
        var info = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || !TopicElements.Contains(reader.LocalName, StringComparer.Ordinal))
                {
                    continue;
                }

                var line = info.LineNumber;
                var num = reader.GetAttribute("num") ?? throw new InvalidDataException($"{path}: line {line}: <{reader.LocalName}> has no num attribute");
                string? description = null;
                using (var topic = reader.ReadSubtree())
                {
                    while (topic.Read())
                    {
                        if (topic.NodeType == XmlNodeType.Element && topic.LocalName == "textDescription")
                        {
                            description = topic.GetAttribute("text") ?? throw new InvalidDataException($"{path}: line {info.LineNumber}: <textDescription> has no text attribute");
                            break;
                        }
                    }
                }

                topics.Add(Topic(path, line, num.Trim(), description ?? throw new InvalidDataException($"{path}: line {line}: topic {num} has no <textDescription>")));
            }
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber}: malformed XML: {e.Message}", e);
        }

        return topics;
    }

    private static AvsTopic Topic(string path, int line, string id, string text)
    {
        if (id.Length == 0 || id.Any(char.IsWhiteSpace))
        {
            throw new InvalidDataException($"{path}: line {line}: topic '{id}' must be a non-empty word without white space");
        }

        var query = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (query.Length == 0)
        {
            throw new InvalidDataException($"{path}: line {line}: topic {id} has an empty text");
        }

        return new AvsTopic(id, query, line);
    }
}
