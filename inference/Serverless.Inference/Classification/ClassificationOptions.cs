using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Classification;

/// <summary>
/// Settings of the hybrid classifier: its signals' weights, the trained head, and the softmax temperature
/// (<c>Inference:Classification</c>). The defaults were chosen by <c>bench/Serverless.Evaluation -- --tune</c> on a
/// development corpus (seed 7), never on the corpus the figures are reported on, nor on samples/.
/// </summary>
internal sealed class ClassificationOptions
{
    public const string SectionName = "Inference:Classification";

    /// <summary>Mean cosine similarity of the document to the label's description sentences.</summary>
    [Range(0.0, 10.0)]
    public double DescriptionWeight { get; set; }

    /// <summary>Embed the description sentences with the query instruction (asymmetric) rather than as passages.</summary>
    public bool DescriptionAsQuery { get; set; } = true;

    /// <summary>
    /// Subtract the mean of the labels' description vectors from each before comparing: every description
    /// of a business document shares a "business document" direction, which otherwise favours the broadest label.
    /// </summary>
    public bool CenterDescriptions { get; set; } = true;

    /// <summary>Split a description into sentences (for the similarity and as the head's training points) rather than use it whole.</summary>
    public bool SplitDescriptions { get; set; }

    /// <summary>Similarity to the label's examples (mean of the best two; reviewed documents arrive as examples).</summary>
    [Range(0.0, 10.0)]
    public double ExampleWeight { get; set; }

    /// <summary>The trained head's probability for the label, on the document's vector as a whole.</summary>
    [Range(0.0, 10.0)]
    public double HeadWeight { get; set; }

    /// <summary>
    /// The trained head's probability for the label, averaged over the document's lines (windows of
    /// <see cref="WindowWords"/>): a receipt that quotes an invoice has one or two invoice-like lines among many
    /// that confirm a payment, where the vector of the whole document is pulled toward the invoice.
    /// </summary>
    [Range(0.0, 10.0)]
    public double WindowWeight { get; set; } = 1.0;

    /// <summary>Words a window has at least: consecutive lines are joined until it has (1 = every line on its own).</summary>
    [Range(1, 400)]
    public int WindowWords { get; set; } = 1;

    /// <summary>Lines of no opinion (uniform probabilities) added to a document's lines before their mean: a text of one or two lines decides little.</summary>
    [Range(0.0, 100.0)]
    public double WindowPrior { get; set; } = 8.0;

    /// <summary>Windows of a document classified at most (its start).</summary>
    [Range(1, 1000)]
    public int MaxWindows { get; set; } = 64;

    /// <summary>Weight of a label's description (sentences), against each of its examples, when the head is trained.</summary>
    [Range(0.0, 100.0)]
    public double PrototypeWeight { get; set; } = 1.0;

    /// <summary>
    /// Weight of an example's lines, in all per example, as training points of the head besides the whole example
    /// (which weighs 1): the head is applied to lines, so it learns from lines too. 0 trains on whole examples only.
    /// 2 on the development corpus and the calibration set (175 of 180 right against 172 with 0; 1 to 4 within one).
    /// </summary>
    [Range(0.0, 100.0)]
    public double ExampleLinesWeight { get; set; } = 2.0;

    /// <summary>L2 penalty of the head's weights.</summary>
    [Range(0.0, 10.0)]
    public double HeadRegularization { get; set; } = 0.01;

    /// <summary>Empty places of a form (runs of underscores, empty boxes) are put in words before the text is embedded (<see cref="Text.BlankFields"/>).</summary>
    public bool DescribeBlankFields { get; set; } = true;

    /// <summary>The lexical classifier's probability for the label.</summary>
    [Range(0.0, 10.0)]
    public double LexicalWeight { get; set; } = 0.2;

    /// <summary>
    /// Softmax temperature turning the combined score into a confidence. On the hand-written calibration set
    /// (<c>bench/Serverless.Evaluation -- --calibrate</c>) the lowest log-loss is at 0.005 (mean confidence 0.93,
    /// accuracy 0.92), but there a text that mixes two kinds is as sure as a clear one; 0.01 keeps it visibly less
    /// sure (<c>HybridClassifierTests</c>) for little log-loss (0.29 against 0.23) and errs toward asking a human.
    /// </summary>
    [Range(0.0001, 10.0)]
    public double Temperature { get; set; } = 0.01;

    /// <summary>Words per piece when a long document is embedded in pieces (the model reads 512 word pieces).</summary>
    [Range(32, 400)]
    public int WordsPerPiece { get; set; } = 200;

    /// <summary>Pieces of a document embedded at most (its start; later pieces rarely change the class).</summary>
    [Range(1, 64)]
    public int MaxPieces { get; set; } = 6;
}
