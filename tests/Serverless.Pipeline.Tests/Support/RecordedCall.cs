namespace Serverless.Pipeline.Tests.Support;

/// <summary>One request the scripted server received.</summary>
public sealed record RecordedCall(int Number, string Path, string Body, IReadOnlyDictionary<string, string> Headers, long StartedAtMs);
