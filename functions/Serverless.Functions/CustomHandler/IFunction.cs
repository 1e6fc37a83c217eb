using System.Text.Json.Nodes;

namespace Serverless.Functions.CustomHandler;

/// <summary>
/// One Azure Functions function of the custom handler: its bindings (written to its function.json)
/// and what it does with an invocation. Its name is its class name (registered with nameof).
/// </summary>
internal interface IFunction
{
    /// <summary>The <c>bindings</c> array of the function's function.json.</summary>
    static abstract JsonArray Bindings(AppOptions options);

    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
