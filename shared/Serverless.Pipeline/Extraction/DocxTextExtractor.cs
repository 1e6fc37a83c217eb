using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Serverless.Pipeline.Extraction;

/// <summary>
/// The body text of a DOCX with Open XML. Explicit page breaks start a new page (a DOCX has no
/// fixed pages otherwise). The zip directory is checked against the archive limits before Open XML reads it.
/// </summary>
internal static class DocxTextExtractor
{
    public static IReadOnlyList<string> Extract(ReadOnlyMemory<byte> content, PipelineLimits limits)
    {
        try
        {
            CheckArchive(content, limits);
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRejectedException(ExtractionErrorCodes.DocxMalformed, "The DOCX has no document body.");
            return ReadPages(body, limits);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.DocxMalformed, $"The DOCX cannot be read ({e.GetType().Name}).", e);
        }
    }

    private static void CheckArchive(ReadOnlyMemory<byte> content, PipelineLimits limits)
    {
        using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > limits.MaxArchiveEntries)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.ArchiveTooLarge, $"The DOCX has {zip.Entries.Count} entries; the limit is {limits.MaxArchiveEntries}.");
        }

        var unpacked = zip.Entries.Sum(e => e.Length);
        if (unpacked > limits.MaxUnpackedBytes)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.ArchiveTooLarge, $"The DOCX unpacks to {unpacked} bytes; the limit is {limits.MaxUnpackedBytes}.");
        }

        // The XML parts are what Open XML parses into memory (several times their size); media parts are never read.
        var xml = zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Length);
        if (xml > limits.MaxDecompressedBytes)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.DecompressedTooLarge, $"The DOCX's XML parts unpack to {xml} bytes; the limit is {limits.MaxDecompressedBytes}.");
        }
    }

    private static List<string> ReadPages(Body body, PipelineLimits limits)
    {
        var pages = new List<string>();
        var page = new StringBuilder();
        var total = 0L;
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case Text text:
                        page.Append(text.Text);
                        total += text.Text.Length;
                        break;
                    case TabChar:
                        page.Append('\t');
                        break;
                    case Break br when br.Type?.Value == BreakValues.Page:
                        pages.Add(page.ToString());
                        page.Clear();
                        break;
                    case Break:
                        page.Append('\n');
                        break;
                }
            }

            page.Append('\n');
            if (total > limits.MaxExtractedCharacters)
            {
                throw new DocumentRejectedException(ExtractionErrorCodes.TextTooLong, $"The DOCX's text exceeds {limits.MaxExtractedCharacters} characters.");
            }
        }

        pages.Add(page.ToString());
        return pages;
    }
}
