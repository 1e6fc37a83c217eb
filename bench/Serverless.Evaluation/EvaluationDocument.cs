namespace Serverless.Evaluation;

/// <summary>One generated document: its true label, the format it is delivered in, its lines, and a paraphrased question with the fact that answers it.</summary>
public sealed record EvaluationDocument(string Id, string Label, string Format, IReadOnlyList<string> Lines, string Question, string Answer)
{
    /// <summary>Lines a reader does not see (white or hidden text) that extraction still returns.</summary>
    public IReadOnlyList<string> HiddenLines { get; init; } = [];

    /// <summary>For an adversarial document: the line that tells the classifier what to answer, and the label it asks for.</summary>
    public (string Line, string Label)? Instruction { get; init; }

    /// <summary>The same document without its instruction (visible or hidden).</summary>
    public string TextWithoutInstruction => string.Join('\n', Lines.Where(l => l != Instruction?.Line));

    public string Text => string.Join('\n', Lines);
}
