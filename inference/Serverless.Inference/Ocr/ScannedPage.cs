using UglyToad.PdfPig.Content;

namespace Serverless.Inference.Ocr;

/// <summary>
/// Tells a scanned PDF page (one image covering the page, nothing else drawn) from a mixed or vector
/// page. A scanned page is OCR'd from its own image at its own resolution (<c>pdfimages</c>), which is
/// what the scanner produced; everything else is rendered.
/// </summary>
internal static class ScannedPage
{
    /// <summary>Share of the page's area the image must cover.</summary>
    public const double MinCoverage = 0.9;

    /// <summary>The page's image size in samples when the page is one full-page image, otherwise null.</summary>
    public static (int Width, int Height)? ImageSize(Page page)
    {
        if (page.Rotation.Value != 0 || page.Letters.Count > 0 || page.Paths.Any(p => p.IsFilled || p.IsStroked))
        {
            return null;
        }

        var images = page.GetImages().Take(2).ToList();
        if (images is not [var image]
            || image.IsImageMask
            || image.MaskImage is not null
            || image.ColorSpaceDetails?.NumberOfColorComponents is not (1 or 3)
            || image.Decode is [> 0, ..]
            || Math.Abs(image.BoundingBox.Rotation) > 0.5
            || image.BoundingBox.Area < MinCoverage * page.Width * page.Height)
        {
            return null;
        }

        return (image.WidthInSamples, image.HeightInSamples);
    }
}
