using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;

namespace Serverless.Samples;

/// <summary>Builds documents in code (PdfPig's writer, Open XML, a minimal PNG encoder in PngBytes): the samples and the test inputs.</summary>
public static class SampleDocuments
{
    public static readonly string[] InvoiceLines =
    [
        "ACME Office Supplies Ltd.",
        "12 Harbour Road, Bristol BS1 4AB",
        "",
        "INVOICE No. 2026-0415",
        "Invoice date: 3 November 2026",
        "Due date: 3 December 2026",
        "",
        "Bill to: Northwind Traders, 5 Mill Lane, Leeds",
        "",
        "Qty  Description                    Unit price    Amount",
        "10   Recycled paper, A4, 500 sheets      4.50      45.00",
        "4    Toner cartridge, black             62.00     248.00",
        "2    Desk organiser                     18.75      37.50",
        "",
        "Subtotal                                          330.50",
        "VAT 20%                                            66.10",
        "Total due (GBP)                                   396.60",
        "",
        "Please pay by bank transfer within 30 days.",
        "Sort code 20-00-00, account 12345678. Thank you for your business.",
    ];

    /// <summary>A PDF with a text layer: one page per entry, each page's lines drawn in Helvetica.</summary>
    public static byte[] TextPdf(IReadOnlyList<IReadOnlyList<string>> pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PdfPageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                if (line.Length > 0)
                {
                    page.AddText(line, 11, new PdfPoint(60, y), font);
                }

                y -= 18;
            }
        }

        return builder.Build();
    }

    /// <summary>A PDF whose pages are images only (no text layer), one PNG per page, drawn over the whole A4 page.</summary>
    public static byte[] ImagePdf(params byte[][] pngPages)
    {
        var builder = new PdfDocumentBuilder();
        foreach (var png in pngPages)
        {
            var page = builder.AddPage(PdfPageSize.A4);
            page.AddPng(png, new PdfRectangle(0, 0, 595, 842));
        }

        return builder.Build();
    }

    /// <summary>A PDF mixing a text page and an image-only page (the second needs OCR).</summary>
    public static byte[] MixedPdf(IReadOnlyList<string> textPage, byte[] pngPage)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PdfPageSize.A4);
        var y = 780.0;
        foreach (var line in textPage)
        {
            first.AddText(line, 11, new PdfPoint(60, y), font);
            y -= 18;
        }

        builder.AddPage(PdfPageSize.A4).AddPng(pngPage, new PdfRectangle(0, 0, 595, 842));
        return builder.Build();
    }

    /// <summary>A DOCX; each entry of <paramref name="pages"/> is a list of paragraphs, pages separated by explicit page breaks.</summary>
    public static byte[] Docx(IReadOnlyList<IReadOnlyList<string>> pages)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            for (var p = 0; p < pages.Count; p++)
            {
                if (p > 0)
                {
                    body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                }

                foreach (var paragraph in pages[p])
                {
                    body.Append(new Paragraph(new Run(new Text(paragraph) { Space = SpaceProcessingModeValues.Preserve })));
                }
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>An 8-bit greyscale PNG of the given pixels (row-major, one byte per pixel).</summary>
    public static byte[] GrayPng(int width, int height, Func<int, int, byte> pixel)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte(pixel(x, y));
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }

        return PngWithHeader(width, height, compressed.ToArray());
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> x <paramref name="height"/> with a tiny (wrong) data chunk: a decompression-bomb stand-in.</summary>
    public static byte[] PngWithHeader(long width, long height, byte[] idat) => PngBytes.Greyscale(width, height, idat);
}
