using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Serverless.Pipeline.Extraction;

/// <summary>
/// Measures what a PDF's Flate streams inflate to before a PDF library reads them, streaming through a
/// small buffer (constant memory) and stopping at the budget: a decompression bomb (content or object
/// streams that inflate to hundreds of MB) is refused before anything holds it in memory. Image streams
/// are left out: the text layer never decodes them, and their size is bounded by the pixel limit.
/// Compiled into the pipeline and, as a linked file, into the inference app (one implementation).
/// </summary>
internal static class PdfStreamBudget
{
    private const int DictionaryWindow = 4096;

    /// <summary>The inflated bytes counted once the budget is exceeded, or null when every stream fits.</summary>
    public static long? Exceeded(ReadOnlyMemory<byte> pdf, long budget)
    {
        var bytes = MemoryMarshal.TryGetArray(pdf, out var segment) ? segment : new ArraySegment<byte>(pdf.ToArray());
        var span = bytes.AsSpan();
        var buffer = new byte[81920];
        var total = 0L;
        var at = 0;
        while (true)
        {
            var found = span[at..].IndexOf("stream"u8);
            if (found < 0)
            {
                return null;
            }

            var keyword = at + found;
            at = keyword + 6;
            if (keyword >= 3 && span[(keyword - 3)..keyword].SequenceEqual("end"u8))
            {
                continue;
            }

            var start = at < span.Length && span[at] == '\r' ? at + 1 : at;
            if (start >= span.Length || span[start] != '\n')
            {
                continue;
            }

            start++;
            var dictionary = Encoding.Latin1.GetString(span[Math.Max(0, keyword - DictionaryWindow)..keyword]);
            var objectStart = dictionary.LastIndexOf(" obj", StringComparison.Ordinal);
            dictionary = objectStart >= 0 ? dictionary[objectStart..] : dictionary;
            if (!dictionary.Contains("/FlateDecode", StringComparison.Ordinal) || dictionary.Contains("/Image", StringComparison.Ordinal))
            {
                continue;
            }

            var end = span[start..].IndexOf("endstream"u8);
            var length = end < 0 ? span.Length - start : end;
            total += Inflated(bytes.Array!, bytes.Offset + start, length, buffer, budget - total);
            if (total > budget)
            {
                return total;
            }

            at = start + length;
        }
    }

    /// <summary>Bytes one zlib stream inflates to, counted up to just past <paramref name="remaining"/>; a damaged stream counts what it gave.</summary>
    private static long Inflated(byte[] array, int offset, int count, byte[] buffer, long remaining)
    {
        var inflated = 0L;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(array, offset, count, writable: false), CompressionMode.Decompress);
            int read;
            while (inflated <= remaining && (read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                inflated += read;
            }
        }
        catch (InvalidDataException)
        {
            // Not valid zlib data: the PDF library decides what that means.
        }

        return inflated;
    }
}
