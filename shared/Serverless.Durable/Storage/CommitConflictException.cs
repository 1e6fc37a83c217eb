namespace Serverless.Durable.Storage;

/// <summary>Another worker committed the instance first; reload and run the episode again.</summary>
internal sealed class CommitConflictException : Exception
{
    public CommitConflictException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CommitConflictException()
    {
    }

    public CommitConflictException(string message)
        : base(message)
    {
    }
}
