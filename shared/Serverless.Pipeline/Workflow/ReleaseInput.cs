namespace Serverless.Pipeline.Workflow;

/// <summary>Gives up a failed workflow's registry claim so that the same bytes can be tried again.</summary>
public sealed record ReleaseInput(string Tenant, string ContentSha256, string WorkflowId);
