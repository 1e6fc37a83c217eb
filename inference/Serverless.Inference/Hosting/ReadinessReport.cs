namespace Serverless.Inference.Hosting;

/// <summary>The body of /healthz and /readyz: <c>status</c> and, per component, "ready" or the reason it is not.</summary>
internal sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, string> Checks);
