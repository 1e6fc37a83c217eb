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
    private const string Workflows = "v1/workflows";
    private const string Workflow = Workflows + "/{instanceId}";
    private const string RaiseEvent = Workflow + "/raiseEvent/{eventName}";
    private const string Terminate = Workflow + "/terminate";
    private const string Suspend = Workflow + "/suspend";
    private const string Resume = Workflow + "/resume";
    private const string Restart = Workflow + "/restart";
    private const string ApiKeys = "v1/admin/api-keys";
    private const string SearchRoute = "v1/search";
    private const string UsageRoute = "v1/usage";
    private const string RejectionsRoute = "v1/rejections";
    private const string ErpSchemaRoute = "v1/schemas/erp-inbound";
    private const string DocumentsRoute = "v1/documents";
    private const string DocumentRoute = DocumentsRoute + "/{instanceId}";
    private const string DocumentTextRoute = DocumentRoute + "/text";
    private const string DocumentTraceRoute = DocumentRoute + "/trace";
    private const string RetryEstimateRoute = DocumentsRoute + "/retry-estimate";
    private const string RetryRoute = DocumentsRoute + "/retry";
    private const string TaxonomyRoute = "v1/taxonomy";
    private const string DashboardRoot = "dashboard";
    private const string DashboardFile = DashboardRoot + "/{*path}";
    private const string HealthRoute = "healthz";
    private const string OpenApiRoute = "openapi/{documentName}.json";

    [Function(nameof(StartWorkflow))]
    public Task<IActionResult> StartWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = Workflows)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, Workflows);

    [Function(nameof(ListWorkflows))]
    public Task<IActionResult> ListWorkflows(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = Workflows)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, Workflows);

    [Function(nameof(GetWorkflowStatus))]
    public Task<IActionResult> GetWorkflowStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = Workflow)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, Workflow);

    [Function(nameof(RaiseWorkflowEvent))]
    public Task<IActionResult> RaiseWorkflowEvent(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = RaiseEvent)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, RaiseEvent);

    [Function(nameof(TerminateWorkflow))]
    public Task<IActionResult> TerminateWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = Terminate)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, Terminate);

    [Function(nameof(SuspendWorkflow))]
    public Task<IActionResult> SuspendWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = Suspend)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, Suspend);

    [Function(nameof(ResumeWorkflow))]
    public Task<IActionResult> ResumeWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = Resume)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, Resume);

    [Function(nameof(RestartWorkflow))]
    public Task<IActionResult> RestartWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = Restart)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, Restart);

    [Function(nameof(PurgeWorkflow))]
    public Task<IActionResult> PurgeWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, Delete, Route = Workflow)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Delete, Workflow);

    [Function(nameof(CreateApiKey))]
    public Task<IActionResult> CreateApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = ApiKeys)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, ApiKeys);

    [Function(nameof(Search))]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = SearchRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, SearchRoute);

    [Function(nameof(GetUsage))]
    public Task<IActionResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = UsageRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, UsageRoute);

    [Function(nameof(ListRejections))]
    public Task<IActionResult> ListRejections(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = RejectionsRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, RejectionsRoute);

    [Function(nameof(ListDocuments))]
    public Task<IActionResult> ListDocuments(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = DocumentsRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, DocumentsRoute);

    [Function(nameof(GetDocument))]
    public Task<IActionResult> GetDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = DocumentRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, DocumentRoute);

    [Function(nameof(GetDocumentText))]
    public Task<IActionResult> GetDocumentText(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = DocumentTextRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, DocumentTextRoute);

    [Function(nameof(GetDocumentTrace))]
    public Task<IActionResult> GetDocumentTrace(
        [HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = DocumentTraceRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Get, DocumentTraceRoute);

    [Function(nameof(EstimateRetry))]
    public Task<IActionResult> EstimateRetry(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = RetryEstimateRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, RetryEstimateRoute);

    [Function(nameof(RetryDocuments))]
    public Task<IActionResult> RetryDocuments(
        [HttpTrigger(AuthorizationLevel.Anonymous, Post, Route = RetryRoute)] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        InvokeAsync(request, client, context, Post, RetryRoute);

    [Function(nameof(GetTaxonomy))]
    public Task<IActionResult> GetTaxonomy([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = TaxonomyRoute)] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, TaxonomyRoute);

    /// <summary>The dashboard's page (<c>/api/dashboard/</c>); it reads everything else through the API under the user's key.</summary>
    [Function(nameof(Dashboard))]
    public Task<IActionResult> Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = DashboardRoot)] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, DashboardRoot);

    [Function(nameof(DashboardAsset))]
    public Task<IActionResult> DashboardAsset([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = DashboardFile)] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, DashboardFile);

    [Function(nameof(ErpInboundSchema))]
    public Task<IActionResult> ErpInboundSchema([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = ErpSchemaRoute)] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, ErpSchemaRoute);

    [Function(nameof(Health))]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = HealthRoute)] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, HealthRoute);

    [Function(nameof(OpenApiDocument))]
    public Task<IActionResult> OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, Get, Route = OpenApiRoute)] HttpRequest request, FunctionContext context) =>
        InvokeAsync(request, client: null, context, Get, OpenApiRoute);

    private async Task<IActionResult> InvokeAsync(HttpRequest request, DurableTaskClient? client, FunctionContext context, string method, string route)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (client is not null)
        {
            durable.Use(client);
        }

        request.HttpContext.RequestServices = context.InstanceServices;
        var routeValues = AppEndpoints.RouteValues(route, context.BindingContext.BindingData);
        await endpoints.InvokeAsync(request.HttpContext, method, route, routeValues);

        // The endpoint has written the response.
        return new EmptyResult();
    }
}
