using System.Buffers.Binary;

namespace Serverless.Inference.Ocr;

/// <summary>
/// Page sizes read from PNG, JPEG and TIFF headers without decoding any pixels, so that limits
/// (pages, pixels) are enforced before a decompression bomb can expand. Throws
/// <see cref="InvalidDataException"/> for a damaged or truncated header.
/// </summary>
internal static class ImageHeader
{
    private const int MaxTiffPages = 100_000;

    public static IReadOnlyList<(int Width, int Height)> Pages(ReadOnlySpan<byte> content, DocumentKind kind) => kind switch
    {
        DocumentKind.Png => [Png(content)],
        DocumentKind.Jpeg => [Jpeg(content)],
        DocumentKind.Tiff => Tiff(content),
        _ => throw new InvalidDataException("Not an image."),
    };

    private static (int, int) Png(ReadOnlySpan<byte> png)
    {
        // Signature (8), IHDR length (4) and type (4), then width and height, big-endian.
        if (png.Length < 24 || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("The PNG header is damaged.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));
    }

    private static (int, int) Jpeg(ReadOnlySpan<byte> jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
            {
                throw new InvalidDataException("The JPEG markers are damaged.");
            }

            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 5)..]));
            }

            i += 2 + length;
        }

        throw new InvalidDataException("The JPEG has no frame header.");
    }

    private static List<(int, int)> Tiff(ReadOnlySpan<byte> tiff)
    {
        var little = tiff[0] == (byte)'I';
        var pages = new List<(int, int)>();
        var seen = new HashSet<long>();
        long offset = U32(tiff, 4, little);
        while (offset != 0)
        {
            if (!seen.Add(offset) || pages.Count >= MaxTiffPages || offset + 2 > tiff.Length)
            {
                throw new InvalidDataException("The TIFF directory chain is damaged.");
            }

            var entries = U16(tiff, (int)offset, little);
            var end = offset + 2 + (entries * 12L);
            if (end + 4 > tiff.Length)
            {
                throw new InvalidDataException("The TIFF is truncated.");
            }

            int width = 0, height = 0;
            for (var e = 0; e < entries; e++)
            {
                var at = (int)offset + 2 + (e * 12);
                var tag = U16(tiff, at, little);
                var type = U16(tiff, at + 2, little);
                var value = type == 3 ? U16(tiff, at + 8, little) : (int)Math.Min(U32(tiff, at + 8, little), int.MaxValue);
                if (tag == 256)
                {
                    width = value;
                }
                else if (tag == 257)
                {
                    height = value;
                }
            }

            pages.Add((width, height));
            offset = U32(tiff, (int)end, little);
        }

        return pages;
    }

    private static int U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
