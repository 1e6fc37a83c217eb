using System.Text;

namespace Serverless.Inference.Ocr;

/// <summary>Orders detected regions into reading order (lines top to bottom, regions left to right) and builds the page text.</summary>
internal static class PageLayout
{
    public static OcrPage Build(PageImage page, int width, int height, List<RecognizedLine> regions)
    {
        var rows = new List<List<RecognizedLine>>();
        foreach (var region in regions.Where(r => r.Words.Count > 0).OrderBy(r => r.Box.Y + (r.Box.Height / 2)))
        {
            var centre = region.Box.Y + (region.Box.Height / 2.0);
            var row = rows.LastOrDefault();
            if (row is not null && centre >= row[0].Box.Top && centre <= row[0].Box.Bottom)
            {
                row.Add(region);
            }
            else
            {
                rows.Add([region]);
            }
        }

        var text = new StringBuilder();
        var words = new List<OcrWord>();
        foreach (var row in rows)
        {
            var ordered = row.OrderBy(r => r.Box.X).SelectMany(r => r.Words).ToList();
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.AppendJoin(' ', ordered.Select(w => w.Text));
            words.AddRange(ordered);
        }

        var mean = words.Count == 0 ? 0 : Math.Round(words.Average(w => w.Confidence), 2);
        return new OcrPage(page.PageNumber, width, height, text.ToString(), mean, words);
    }
}
