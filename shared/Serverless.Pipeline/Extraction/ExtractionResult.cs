using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Extraction;

/// <summary>The text of a document, page by page, with its format, page count and a language guess (ISO 639-1, or "und").</summary>
public sealed record ExtractionResult(DocumentKind Kind, int PageCount, IReadOnlyList<ExtractedPage> Pages, string Language)
{
    /// <summary>Pages that needed OCR.</summary>
    [JsonIgnore]
    public int OcrPageCount => Pages.Count(p => p.Source == PageSource.Ocr);

    /// <summary>All the text, pages separated by blank lines.</summary>
    [JsonIgnore]
    public string FullText => string.Join("\n\n", Pages.Select(p => p.Text));
}
