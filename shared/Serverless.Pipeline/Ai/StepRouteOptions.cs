namespace Serverless.Pipeline.Ai;

/// <summary>The provider and model that serve one step, and a local alternative for confidential documents.</summary>
public sealed class StepRouteOptions
{
    public string? Provider { get; set; }

    public string? Model { get; set; }

    /// <summary>Used instead when the document is confidential and <see cref="Provider"/> is a cloud provider.</summary>
    public string? ConfidentialProvider { get; set; }

    public string? ConfidentialModel { get; set; }
}
