using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;

namespace Serverless.Inference.Ocr;

/// <summary>
/// The tesseract CLI, one process per page with <c>OMP_THREAD_LIMIT=1</c> (tesseract's OpenMP
/// threads slow it down several times on small machines; pages run in parallel instead).
/// Text and word boxes come from one TSV pass.
/// </summary>
internal sealed partial class TesseractEngine(IOptions<OcrOptions> options) : IOcrEngine
{
    private static readonly Dictionary<string, string> Environment = new() { ["OMP_THREAD_LIMIT"] = "1" };

    private readonly OcrOptions _options = options.Value;
    private HashSet<string> _languages = [];

    public string Name => OcrEngineNames.Tesseract;

    public async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(_options.TesseractPath, ["--list-langs"], Environment, cancellationToken);
            if (result.ExitCode != 0)
            {
                return $"'{_options.TesseractPath} --list-langs' exited with {result.ExitCode}.";
            }

            _languages = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => !l.StartsWith("List of", StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            return _languages.Count == 0 ? "tesseract lists no languages (install tesseract-ocr-eng)." : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"tesseract not found at '{_options.TesseractPath}' (Inference:Ocr:TesseractPath): {e.Message}";
        }
    }

    public void ValidateLanguage(string language)
    {
        if (!LanguagePattern().IsMatch(language))
        {
            throw ProblemException.BadRequest("unsupported-language", "'language' must be tesseract language codes joined by '+', e.g. 'eng' or 'eng+deu'.");
        }

        var missing = language.Split('+').Where(l => !_languages.Contains(l)).ToList();
        if (missing.Count > 0)
        {
            throw ProblemException.BadRequest("unsupported-language", $"Language(s) not installed: {string.Join(", ", missing)}. Installed: {string.Join(", ", _languages.Order(StringComparer.Ordinal))}.");
        }
    }

    public async Task<OcrPage> RecognizeAsync(PageImage page, string language, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(_options.TesseractPath, [page.Path, "stdout", "-l", language, "tsv"], Environment, cancellationToken);
        if (result.ExitCode != 0 || !result.StandardOutput.StartsWith("level", StringComparison.Ordinal))
        {
            throw ProblemException.Unprocessable("unreadable-image", $"Page {page.PageNumber} could not be read as an image (tesseract exit code {result.ExitCode}).");
        }

        return TesseractTsv.Parse(result.StandardOutput, page);
    }

    [GeneratedRegex("^[A-Za-z_]{3,}(\\+[A-Za-z_]{3,})*$")]
    private static partial Regex LanguagePattern();
}
