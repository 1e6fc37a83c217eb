using System.ComponentModel.DataAnnotations;

namespace Serverless.Inference.Classification;

/// <summary>
/// Weights of the hybrid classifier's signals and its softmax temperature (<c>Inference:Classification</c>).
/// The defaults were chosen on the generated evaluation corpus (bench/Serverless.Evaluation), never on samples/.
/// </summary>
internal sealed class ClassificationOptions
{
    public const string SectionName = "Inference:Classification";

    /// <summary>Cosine similarity of the document to the label's name and description (embedded as a query).</summary>
    [Range(0.0, 10.0)]
    public double DescriptionWeight { get; set; } = 0.5;

    /// <summary>Embed the label's name and description with the query instruction (asymmetric) rather than as a passage.</summary>
    public bool DescriptionAsQuery { get; set; } = true;

    /// <summary>
    /// Subtract the mean of the labels' description vectors from each before comparing: every description
    /// of a business document shares a "business document" direction, which otherwise favours the broadest label.
    /// </summary>
    public bool CenterDescriptions { get; set; } = true;

    /// <summary>Similarity to the label's examples (mean of the best two; reviewed documents arrive as examples).</summary>
    [Range(0.0, 10.0)]
    public double ExampleWeight { get; set; } = 0.5;

    /// <summary>The lexical classifier's probability for the label.</summary>
    [Range(0.0, 10.0)]
    public double LexicalWeight { get; set; } = 0.8;

    /// <summary>Softmax temperature turning the combined score into a confidence (calibrated on the corpus).</summary>
    [Range(0.0001, 10.0)]
    public double Temperature { get; set; } = 0.1;

    /// <summary>Words per piece when a long document is embedded in pieces (the model reads 512 word pieces).</summary>
    [Range(32, 400)]
    public int WordsPerPiece { get; set; } = 200;

    /// <summary>Pieces of a document embedded at most (its start; later pieces rarely change the class).</summary>
    [Range(1, 64)]
    public int MaxPieces { get; set; } = 6;
}
