using Microsoft.Extensions.Options;
using Serverless.Inference.Serving;
using Serverless.Pipeline.Extraction;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Serverless.Inference.Ocr;

/// <summary>
/// Turns an uploaded document into page images, checking the limits before anything is decoded:
/// images by their headers (a decompression bomb is refused before it expands), PDFs by their
/// page count and, per page, the size of its own image (a scanned page, extracted with pdfimages at
/// its own resolution) or its size at the configured DPI (any other page, rendered with pdftoppm).
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
        var (width, height) = Header(content, kind)[0];
        CheckPixels(1, width, height);
        var path = Path.Combine(folder, kind == DocumentKind.Png ? "page-1.png" : "page-1.jpg");
        return async ct =>
        {
            await File.WriteAllBytesAsync(path, content, ct);
            return new PageImage(1, path, width, height);
        };
    }

    private List<Func<CancellationToken, Task<PageImage>>> PlanTiff(byte[] content, string folder)
    {
        var pages = Header(content, DocumentKind.Tiff);
        CheckPageCount(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            CheckPixels(i + 1, pages[i].Width, pages[i].Height);
        }

        // All frames are decoded in this process at once (one byte per pixel), so their sum is what the request costs in memory.
        var total = pages.Sum(p => (long)p.Width * p.Height);
        if (total > _limits.MaxDecodedPixelsPerRequest)
        {
            throw ProblemException.TooLarge("too-many-pixels", $"The TIFF's {pages.Count} pages have {total} pixels together; at most {_limits.MaxDecodedPixelsPerRequest} are decoded for one request (Inference:Limits:MaxDecodedPixelsPerRequest).");
        }

        // Frames are decoded once, then each page is written as its own PNG for the engines.
        var decoded = new Lazy<Task<Image<L8>>>(() => Task.Run(() => Decode(content, pages.Count)));
        var remaining = pages.Count;
        return Enumerable.Range(1, pages.Count).Select<int, Func<CancellationToken, Task<PageImage>>>(n => async ct =>
        {
            var image = await decoded.Value;
            try
            {
                using var frame = image.Frames.CloneFrame(n - 1);
                var path = Path.Combine(folder, $"page-{n}.png");
                await frame.SaveAsPngAsync(path, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed }, ct);
                return new PageImage(n, path, frame.Width, frame.Height);
            }
            finally
            {
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    image.Dispose();
                }
            }
        }).ToList();
    }

    private List<Func<CancellationToken, Task<PageImage>>> PlanPdf(byte[] content, string folder)
    {
        if (PdfStreamBudget.Exceeded(content, _limits.MaxDecompressedBytes) is { } inflated)
        {
            throw ProblemException.TooLarge("decompressed-too-large", $"The PDF's streams inflate to more than {_limits.MaxDecompressedBytes} bytes ({inflated} counted before stopping; Inference:Limits:MaxDecompressedBytes).");
        }

        var pages = new List<(double Width, double Height, (int Width, int Height)? Image)>();
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = false });
            CheckPageCount(document.NumberOfPages);
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                var page = document.GetPage(n);
                pages.Add((page.Width, page.Height, _ocr.PdfImageExtraction ? ScannedPage.ImageSize(page) : null));
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
        return pages.Select<(double Width, double Height, (int Width, int Height)? Image), Func<CancellationToken, Task<PageImage>>>((page, index) =>
        {
            var n = index + 1;
            var (width, height) = RenderedSize(page.Width, page.Height);
            if (page.Image is not { } image)
            {
                CheckPixels(n, width, height);
                return async ct =>
                {
                    await written.Value;
                    return await RenderAsync(pdf, n, folder, ct);
                };
            }

            CheckPixels(n, image.Width, image.Height);
            return async ct =>
            {
                await written.Value;
                return await ExtractImageAsync(pdf, n, image, folder, ct)
                    ?? await RenderCheckedAsync(pdf, n, width, height, folder, ct);
            };
        }).ToList();
    }

    private (long Width, long Height) RenderedSize(double widthPoints, double heightPoints) =>
        ((long)Math.Ceiling(widthPoints * _ocr.PdfDpi / 72), (long)Math.Ceiling(heightPoints * _ocr.PdfDpi / 72));

    /// <summary>A scanned page's own image (JPEG kept as it is, anything else as uncompressed TIFF: no re-encoding, grey stays grey); null when pdfimages did not give exactly that one image.</summary>
    private async Task<PageImage?> ExtractImageAsync(string pdf, int n, (int Width, int Height) image, string folder, CancellationToken ct)
    {
        var prefix = Path.Combine(folder, $"image-{n}");
        var result = await ProcessRunner.RunAsync(_ocr.PdfimagesPath, ["-j", "-tiff", "-f", $"{n}", "-l", $"{n}", pdf, prefix], null, ct);
        var files = Directory.GetFiles(folder, $"image-{n}-*");
        if (result.ExitCode == 0 && files is [var path])
        {
            return new PageImage(n, path, image.Width, image.Height);
        }

        foreach (var file in files)
        {
            File.Delete(file);
        }

        return null;
    }

    private async Task<PageImage> RenderCheckedAsync(string pdf, int n, long width, long height, string folder, CancellationToken ct)
    {
        CheckPixels(n, width, height);
        return await RenderAsync(pdf, n, folder, ct);
    }

    private async Task<PageImage> RenderAsync(string pdf, int n, string folder, CancellationToken ct)
    {
        var prefix = Path.Combine(folder, $"page-{n}");
        var result = await ProcessRunner.RunAsync(
            _ocr.PdftoppmPath,
            ["-r", $"{_ocr.PdfDpi}", "-gray", "-png", "-f", $"{n}", "-l", $"{n}", "-singlefile", pdf, prefix],
            null,
            ct);
        var path = prefix + ".png";
        if (result.ExitCode != 0 || !File.Exists(path))
        {
            throw ProblemException.Unprocessable("invalid-pdf", $"Page {n} of the PDF could not be rendered (pdftoppm exit code {result.ExitCode}).");
        }

        var head = new byte[24];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(head, ct);
        }

        var (width, height) = ImageHeader.Pages(head, DocumentKind.Png)[0];
        return new PageImage(n, path, width, height);
    }

    private static Image<L8> Decode(byte[] content, int frames)
    {
        try
        {
            // Greyscale is what both engines read; one byte per pixel keeps a 50-page TIFF affordable.
            var image = Image.Load<L8>(content);
            if (image.Frames.Count != frames)
            {
                image.Dispose();
                throw new InvalidDataException("The TIFF frames do not match its directories.");
            }

            return image;
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            throw ProblemException.Unprocessable("unreadable-image", "The image is damaged or truncated and cannot be decoded.");
        }
    }

    private static IReadOnlyList<(int Width, int Height)> Header(byte[] content, DocumentKind kind)
    {
        try
        {
            return ImageHeader.Pages(content, kind);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
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
