using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Png;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Serverless.Inference.Ocr;

/// <summary>
/// Turns an uploaded document into page images, checking the limits before anything is decoded:
/// images by their headers (a decompression bomb is refused before it expands), PDFs by their
/// page count and page sizes at the configured DPI, then rendered page by page with pdftoppm.
/// </summary>
internal sealed class PageRasterizer(IOptions<OcrOptions> ocr, IOptions<LimitsOptions> limits)
{
    private readonly OcrOptions _ocr = ocr.Value;
    private readonly LimitsOptions _limits = limits.Value;

    /// <summary>One renderer per page, in page order; each writes its page under <paramref name="folder"/> when called.</summary>
    public IReadOnlyList<Func<CancellationToken, Task<PageImage>>> Plan(byte[] content, string folder)
    {
        var kind = ContentSniffer.Sniff(content);
        return kind switch
        {
            DocumentKind.Png or DocumentKind.Jpeg => [PlanSingleImage(content, kind, folder)],
            DocumentKind.Tiff => PlanTiff(content, folder),
            DocumentKind.Pdf => PlanPdf(content, folder),
            _ => throw ProblemException.Unsupported("The file is not a PNG, JPEG, TIFF or PDF (the type is detected from the content)."),
        };
    }

    private Func<CancellationToken, Task<PageImage>> PlanSingleImage(byte[] content, DocumentKind kind, string folder)
    {
        var info = Identify(content);
        CheckPixels(1, info.Width, info.Height);
        var path = Path.Combine(folder, kind == DocumentKind.Png ? "page-1.png" : "page-1.jpg");
        return async ct =>
        {
            await File.WriteAllBytesAsync(path, content, ct);
            return new PageImage(1, path, info.Width, info.Height);
        };
    }

    private List<Func<CancellationToken, Task<PageImage>>> PlanTiff(byte[] content, string folder)
    {
        var info = Identify(content);
        var frames = info.FrameMetadataCollection.Count;
        CheckPageCount(frames);
        CheckPixels(1, info.Width, info.Height);

        // Frames are decoded once, then each page is written as its own PNG for the engines.
        var decoded = new Lazy<Task<Image>>(() => Task.Run(() => Decode(content, frames)));
        return Enumerable.Range(1, frames).Select<int, Func<CancellationToken, Task<PageImage>>>(n => async ct =>
        {
            var image = await decoded.Value;
            using var frame = image.Frames.CloneFrame(n - 1);
            CheckPixels(n, frame.Width, frame.Height);
            var path = Path.Combine(folder, $"page-{n}.png");
            await frame.SaveAsPngAsync(path, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed }, ct);
            return new PageImage(n, path, frame.Width, frame.Height);
        }).ToList();
    }

    private List<Func<CancellationToken, Task<PageImage>>> PlanPdf(byte[] content, string folder)
    {
        var sizes = new List<(double Width, double Height)>();
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = false });
            CheckPageCount(document.NumberOfPages);
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                var page = document.GetPage(n);
                sizes.Add((page.Width, page.Height));
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw ProblemException.Unprocessable("encrypted-pdf", "The PDF is encrypted; send it without a password.");
        }
        catch (Exception e) when (e is not ProblemException)
        {
            throw ProblemException.Unprocessable("invalid-pdf", "The PDF is damaged or truncated and cannot be read.");
        }

        var pdf = Path.Combine(folder, "input.pdf");
        var written = new Lazy<Task>(() => File.WriteAllBytesAsync(pdf, content));
        var dpi = _ocr.PdfDpi;
        return sizes.Select<(double Width, double Height), Func<CancellationToken, Task<PageImage>>>((size, index) =>
        {
            var n = index + 1;
            CheckPixels(n, (long)Math.Ceiling(size.Width * dpi / 72), (long)Math.Ceiling(size.Height * dpi / 72));
            return async ct =>
            {
                await written.Value;
                var prefix = Path.Combine(folder, $"page-{n}");
                var result = await ProcessRunner.RunAsync(
                    _ocr.PdftoppmPath,
                    ["-r", $"{dpi}", "-gray", "-png", "-f", $"{n}", "-l", $"{n}", "-singlefile", pdf, prefix],
                    null,
                    ct);
                var path = prefix + ".png";
                if (result.ExitCode != 0 || !File.Exists(path))
                {
                    throw ProblemException.Unprocessable("invalid-pdf", $"Page {n} of the PDF could not be rendered (pdftoppm exit code {result.ExitCode}).");
                }

                var info = await Image.IdentifyAsync(path, ct);
                return new PageImage(n, path, info.Width, info.Height);
            };
        }).ToList();
    }

    private static Image Decode(byte[] content, int frames)
    {
        try
        {
            return Image.Load(new DecoderOptions { MaxFrames = (uint)frames }, content);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw ProblemException.Unprocessable("unreadable-image", "The image is damaged or truncated and cannot be decoded.");
        }
    }

    private static ImageInfo Identify(byte[] content)
    {
        try
        {
            return Image.Identify(content);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw ProblemException.Unprocessable("unreadable-image", "The image header is damaged or truncated and cannot be read.");
        }
    }

    private void CheckPageCount(int pages)
    {
        if (pages > _limits.MaxPages)
        {
            throw ProblemException.TooLarge("too-many-pages", $"The document has {pages} pages; at most {_limits.MaxPages} are accepted (Inference:Limits:MaxPages).");
        }

        if (pages == 0)
        {
            throw ProblemException.Unprocessable("empty-document", "The document has no pages.");
        }
    }

    private void CheckPixels(int page, long width, long height)
    {
        if (width <= 0 || height <= 0 || width * height > _limits.MaxPixelsPerPage)
        {
            throw ProblemException.TooLarge("too-many-pixels", $"Page {page} is {width}x{height} pixels; at most {_limits.MaxPixelsPerPage} pixels per page are accepted (Inference:Limits:MaxPixelsPerPage).");
        }
    }
}
