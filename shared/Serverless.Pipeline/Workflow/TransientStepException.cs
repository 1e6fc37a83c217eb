namespace Serverless.Pipeline.Workflow;

/// <summary>
/// A step failed in a way a later attempt may fix (429 storm, 5xx, network, storage hiccup): the
/// activities' retry policies retry this and nothing that is fatal.
/// </summary>
public sealed class TransientStepException : Exception
{
    public TransientStepException()
    {
    }

    public TransientStepException(string message)
        : base(message)
    {
    }

    public TransientStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
