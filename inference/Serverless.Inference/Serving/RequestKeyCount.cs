namespace Serverless.Inference.Serving;

/// <summary>Calls seen with one request key: successful (billed) <c>count</c>, all <c>attempts</c>, successes by endpoint.</summary>
internal sealed record RequestKeyCount(string Key, int Count, int Attempts, IReadOnlyDictionary<string, int> ByEndpoint);
