using System.Globalization;
using System.Text;

namespace Serverless.Inference.Ocr;

/// <summary>Reads tesseract's TSV output: level-5 rows are words; block, paragraph and line numbers give the layout.</summary>
internal static class TesseractTsv
{
    public static OcrPage Parse(string tsv, PageImage page)
    {
        var words = new List<OcrWord>();
        var text = new StringBuilder();
        (int Block, int Paragraph, int Line)? previous = null;
        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.Split('\t');
            if (cells.Length < 12 || cells[0] != "5")
            {
                continue;
            }

            var word = cells[11].Trim();
            if (word.Length == 0)
            {
                continue;
            }

            var position = (Int(cells[2]), Int(cells[3]), Int(cells[4]));
            if (previous is { } p)
            {
                text.Append(p == position ? " " : p.Block != position.Item1 || p.Paragraph != position.Item2 ? "\n\n" : "\n");
            }

            previous = position;
            text.Append(word);
            var confidence = Math.Round(Math.Max(0, double.Parse(cells[10], CultureInfo.InvariantCulture)), 2);
            words.Add(new OcrWord(word, confidence, new OcrBox(Int(cells[6]), Int(cells[7]), Int(cells[8]), Int(cells[9]))));
        }

        var mean = words.Count == 0 ? 0 : Math.Round(words.Average(w => w.Confidence), 2);
        return new OcrPage(page.PageNumber, page.Width, page.Height, text.ToString(), mean, words);
    }

    private static int Int(string cell) => int.Parse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
