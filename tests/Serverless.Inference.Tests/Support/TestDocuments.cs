using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Tiff.Constants;
using SixLabors.ImageSharp.PixelFormats;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Serverless.Inference.Tests.Support;

/// <summary>
/// Pages with known text: written as a PDF in Helvetica (PdfPig), rendered at 300 dpi by pdftoppm
/// (as a scanner would deliver them), and repackaged as PNG, multi-page TIFF and image-only PDF.
/// Generated once per test run; nothing is committed.
/// </summary>
internal sealed class TestDocuments
{
    private static readonly Lazy<Task<TestDocuments>> Instance = new(CreateAsync);

    private static readonly string[] Vocabulary =
    [
        "invoice", "payment", "customer", "delivery", "contract", "account", "balance", "amount", "shipping", "order",
        "quarterly", "report", "revenue", "warehouse", "supplier", "reference", "schedule", "meeting", "approved", "signature",
        "Berlin", "Madrid", "London", "Contoso", "Fabrikam", "Northwind", "January", "March", "October", "December",
        "monthly", "service", "license", "renewal", "discount", "transfer", "receipt", "insurance", "policy", "claim",
        "summary", "project", "budget", "estimate", "review", "capacity", "storage", "network", "printer", "document",
        "2024", "4711", "1250", "87", "300", "19", "6020", "42",
    ];

    private TestDocuments(IReadOnlyList<IReadOnlyList<string>> pages, IReadOnlyList<byte[]> pngs, byte[] textPdf)
    {
        PageLines = pages;
        Pngs = pngs;
        TextPdf = textPdf;
    }

    /// <summary>The lines of text on each page.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PageLines { get; }

    /// <summary>Each page rendered at 300 dpi, greyscale PNG.</summary>
    public IReadOnlyList<byte[]> Pngs { get; }

    /// <summary>The born-digital PDF the pages were rendered from.</summary>
    public byte[] TextPdf { get; }

    public static Task<TestDocuments> GetAsync() => Instance.Value;

    public IReadOnlyList<string> Words(int page) => PageLines[page].SelectMany(l => l.Split(' ')).ToList();

    /// <summary>
    /// The rendered pages placed as full-page images in a PDF without text: a scanned PDF. With
    /// <paramref name="stampOnFirstPage"/> the first page also gets a line of real text: a mixed page.
    /// </summary>
    public byte[] ScannedPdf(PageSize size = PageSize.A4, string? stampOnFirstPage = null, int pages = int.MaxValue) =>
        ScannedPdf(Pngs.Take(pages), size, stampOnFirstPage);

    /// <summary>Page images (PNG) placed as full-page images in a PDF; see the instance overload.</summary>
    public static byte[] ScannedPdf(IEnumerable<byte[]> pngs, PageSize size = PageSize.A4, string? stampOnFirstPage = null)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var png in pngs)
        {
            var page = builder.AddPage(size);
            page.AddPng(png, new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
            if (stampOnFirstPage is not null && builder.Pages.Count == 1)
            {
                page.AddText(stampOnFirstPage, 10, new PdfPoint(60, 20), font);
            }
        }

        return builder.Build();
    }

    /// <summary>The rendered pages as one multi-page TIFF (deflate-compressed, 8-bit grey).</summary>
    public byte[] MultiPageTiff()
    {
        using var first = Image.Load<L8>(Pngs[0]);
        foreach (var png in Pngs.Skip(1))
        {
            using var next = Image.Load<L8>(png);
            first.Frames.AddFrame(next.Frames.RootFrame);
        }

        using var stream = new MemoryStream();
        first.SaveAsTiff(stream, new TiffEncoder { Compression = TiffCompression.Deflate, BitsPerPixel = TiffBitsPerPixel.Bit8 });
        return stream.ToArray();
    }

    /// <summary>Share of the expected words found in the OCR text (multiset match, case-sensitive).</summary>
    public static double WordAccuracy(IReadOnlyList<string> expected, string text)
    {
        var found = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '|', '"', '\''))
            .GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var matched = 0;
        foreach (var word in expected)
        {
            if (found.TryGetValue(word, out var n) && n > 0)
            {
                found[word] = n - 1;
                matched++;
            }
        }

        return (double)matched / expected.Count;
    }

    /// <summary>Pages of pseudo-random lines from a fixed vocabulary (the same every run).</summary>
    public static List<IReadOnlyList<string>> Lines(int pages, int linesPerPage, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, pages).Select(_ => (IReadOnlyList<string>)Enumerable.Range(0, linesPerPage)
            .Select(_ => string.Join(' ', Enumerable.Range(0, 8).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])))
            .ToList()).ToList();
    }

    /// <summary>A born-digital A4 PDF with the lines in 12 pt Helvetica.</summary>
    public static byte[] WritePdf(IReadOnlyList<IReadOnlyList<string>> pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = page.PageSize.Height - 72;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new PdfPoint(60, y), font);
                y -= 22;
            }
        }

        return builder.Build();
    }

    /// <summary>Renders a PDF's pages to greyscale PNGs with pdftoppm.</summary>
    public static async Task<List<byte[]>> RenderAsync(byte[] pdf, int pageCount, int dpi = 300)
    {
        var folder = Directory.CreateTempSubdirectory("inference-tests-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var start = new ProcessStartInfo("pdftoppm") { ArgumentList = { "-r", $"{dpi}", "-gray", "-png", input, Path.Combine(folder, "p") }, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pdftoppm failed: {await process.StandardError.ReadToEndAsync(cts.Token)}");
            }

            var files = Directory.GetFiles(folder, "p-*.png").Order(StringComparer.Ordinal).ToList();
            if (files.Count != pageCount)
            {
                throw new InvalidOperationException($"pdftoppm wrote {files.Count} pages, expected {pageCount}.");
            }

            return [.. await Task.WhenAll(files.Select(f => File.ReadAllBytesAsync(f)))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TestDocuments> CreateAsync()
    {
        var pages = Lines(pages: 2, linesPerPage: 14, seed: 20260);
        var pdf = WritePdf(pages);
        var pngs = await RenderAsync(pdf, pages.Count);
        return new TestDocuments(pages, pngs, pdf);
    }
}
