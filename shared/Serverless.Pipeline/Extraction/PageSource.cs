namespace Serverless.Pipeline.Extraction;

/// <summary>Where a page's text came from.</summary>
public enum PageSource
{
    /// <summary>A PDF text layer or a DOCX body.</summary>
    TextLayer,

    /// <summary>OCR in the inference app.</summary>
    Ocr,

    /// <summary>A plain-text file, as is.</summary>
    PlainText,
}
