namespace Serverless.Pipeline.Ai;

/// <summary>The provider and model chosen for one step of one document; recorded in the result.</summary>
public sealed record ResolvedRoute(AiStep Step, string Provider, ProviderKind Kind, string Model, bool IsCloud);
