namespace Serverless.Inference.Ocr;

/// <summary>An OCR engine; one page at a time, any number of pages concurrently.</summary>
internal interface IOcrEngine
{
    string Name { get; }

    /// <summary>Checks the engine can run (binary found, models loaded); returns null when ready, else the reason.</summary>
    Task<string?> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="Serving.ProblemException"/> when the language cannot be served by this engine.</summary>
    void ValidateLanguage(string language);

    Task<OcrPage> RecognizeAsync(PageImage page, string language, CancellationToken cancellationToken);
}
