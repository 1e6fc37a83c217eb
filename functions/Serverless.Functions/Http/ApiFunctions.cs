using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Functions.Durable;

namespace Serverless.Functions.Http;

/// <summary>
/// HTTP API v1 as HTTP functions (ASP.NET Core integration), one per route of the local host, each handled by the app's
/// endpoint for that route (<see cref="AppEndpoints"/>). The host admits every request (anonymous level): tenant API
/// keys are the app's authentication, checked in the endpoint's pipeline like on the local host.
/// </summary>
internal sealed class ApiFunctions(AppEndpoints endpoints, DurableClientAccessor durable)
{
    private const string Get = "get";
    private const string Post = "post";
    private const string Delete = "delete";

    [Function(nameof(StartWorkflow))]
    public Task<IActionResult> StartWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/workflows")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/workflows");

    [Function(nameof(ListWorkflows))]
    public Task<IActionResult> ListWorkflows(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "v1/workflows")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, "v1/workflows");

    [Function(nameof(GetWorkflowStatus))]
    public Task<IActionResult> GetWorkflowStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "v1/workflows/{instanceId}")] HttpRequest request, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, "v1/workflows/{instanceId}", new Dictionary<string, string> { [nameof(instanceId)] = instanceId });

    [Function(nameof(RaiseWorkflowEvent))]
    public Task<IActionResult> RaiseWorkflowEvent(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/workflows/{instanceId}/raiseEvent/{eventName}")] HttpRequest request, string instanceId, string eventName, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/workflows/{instanceId}/raiseEvent/{eventName}", new Dictionary<string, string> { [nameof(instanceId)] = instanceId, [nameof(eventName)] = eventName });

    [Function(nameof(TerminateWorkflow))]
    public Task<IActionResult> TerminateWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/workflows/{instanceId}/terminate")] HttpRequest request, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/workflows/{instanceId}/terminate", new Dictionary<string, string> { [nameof(instanceId)] = instanceId });

    [Function(nameof(SuspendWorkflow))]
    public Task<IActionResult> SuspendWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/workflows/{instanceId}/suspend")] HttpRequest request, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/workflows/{instanceId}/suspend", new Dictionary<string, string> { [nameof(instanceId)] = instanceId });

    [Function(nameof(ResumeWorkflow))]
    public Task<IActionResult> ResumeWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/workflows/{instanceId}/resume")] HttpRequest request, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/workflows/{instanceId}/resume", new Dictionary<string, string> { [nameof(instanceId)] = instanceId });

    [Function(nameof(RestartWorkflow))]
    public Task<IActionResult> RestartWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/workflows/{instanceId}/restart")] HttpRequest request, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/workflows/{instanceId}/restart", new Dictionary<string, string> { [nameof(instanceId)] = instanceId });

    [Function(nameof(PurgeWorkflow))]
    public Task<IActionResult> PurgeWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Delete, Route = "v1/workflows/{instanceId}")] HttpRequest request, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Delete, "v1/workflows/{instanceId}", new Dictionary<string, string> { [nameof(instanceId)] = instanceId });

    [Function(nameof(CreateApiKey))]
    public Task<IActionResult> CreateApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = "v1/admin/api-keys")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, "v1/admin/api-keys");

    [Function(nameof(Search))]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "v1/search")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, "v1/search");

    [Function(nameof(GetUsage))]
    public Task<IActionResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "v1/usage")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, "v1/usage");

    [Function(nameof(Health))]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "healthz")] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, "healthz");

    [Function(nameof(OpenApiDocument))]
    public Task<IActionResult> OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = "openapi/{documentName}.json")] HttpRequest request, string documentName, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, "openapi/{documentName}.json", new Dictionary<string, string> { [nameof(documentName)] = documentName });

    private async Task<IActionResult> InvokeAsync(
        HttpRequest request, DurableTaskClient? client, FunctionContext context, string method, string route, Dictionary<string, string>? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (client is not null)
        {
            durable.Use(client);
        }

        request.HttpContext.RequestServices = context.InstanceServices;
        await endpoints.InvokeAsync(request.HttpContext, method, route, routeValues);

        // The endpoint has written the response.
        return new EmptyResult();
    }
}
