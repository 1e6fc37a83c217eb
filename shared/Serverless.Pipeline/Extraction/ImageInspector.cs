using System.Buffers.Binary;

namespace Serverless.Pipeline.Extraction;

/// <summary>
/// Reads an image's dimensions (and a TIFF's frame count) from its headers without decoding pixels,
/// so that a decompression bomb is refused before any decoder sees it.
/// </summary>
internal static class ImageInspector
{
    public static (long Width, long Height, int Frames) Inspect(DocumentKind kind, ReadOnlySpan<byte> data) => kind switch
    {
        DocumentKind.Png => Png(data),
        DocumentKind.Jpeg => Jpeg(data),
        DocumentKind.Tiff => Tiff(data),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an image."),
    };

    public static void Check(DocumentKind kind, ReadOnlySpan<byte> data, PipelineLimits limits)
    {
        var (width, height, frames) = Inspect(kind, data);
        if (width < 1 || height < 1)
        {
            throw Malformed("The image has no size.");
        }

        if (width * height > limits.MaxPixelsPerPage)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.ImageTooLarge, $"The image is {width}x{height} pixels; the limit is {limits.MaxPixelsPerPage} pixels per page.");
        }

        if (frames > limits.MaxPages)
        {
            throw new DocumentRejectedException(ExtractionErrorCodes.TooManyPages, $"The image has {frames} pages; the limit is {limits.MaxPages}.");
        }
    }

    private static (long, long, int) Png(ReadOnlySpan<byte> data)
    {
        if (data.Length < 24 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            throw Malformed("The PNG has no header chunk.");
        }

        return (BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]), 1);
    }

    private static (long, long, int) Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                throw Malformed("The JPEG's markers are corrupt.");
            }

            var marker = data[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]), 1);
            }

            i += 2 + length;
        }

        throw Malformed("The JPEG has no frame header.");
    }

    private static (long, long, int) Tiff(ReadOnlySpan<byte> data)
    {
        var little = data[0] == (byte)'I';
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);

        long maxWidth = 0, maxHeight = 0;
        var frames = 0;
        var offset = data.Length >= 8 ? U32(data[4..]) : 0;
        var seen = new HashSet<uint>();
        while (offset != 0)
        {
            if (offset + 2 > data.Length || !seen.Add(offset) || frames > 100_000)
            {
                throw Malformed("The TIFF's directory chain is corrupt.");
            }

            var count = U16(data[(int)offset..]);
            var entries = (int)offset + 2;
            if (entries + (count * 12) + 4 > data.Length)
            {
                throw Malformed("The TIFF's directory is truncated.");
            }

            long width = 0, height = 0;
            for (var e = 0; e < count; e++)
            {
                var entry = data.Slice(entries + (e * 12), 12);
                var tag = U16(entry);
                var type = U16(entry[2..]);
                long value = type == 3 ? U16(entry[8..]) : U32(entry[8..]);
                if (tag == 256)
                {
                    width = value;
                }
                else if (tag == 257)
                {
                    height = value;
                }
            }

            maxWidth = Math.Max(maxWidth, width);
            maxHeight = Math.Max(maxHeight, height);
            frames++;
            offset = U32(data[(entries + (count * 12))..]);
        }

        return (maxWidth, maxHeight, frames);
    }

    private static DocumentRejectedException Malformed(string message) => new(ExtractionErrorCodes.ImageMalformed, message);
}
