using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.App.Security;
using Serverless.Functions.Http;

namespace Serverless.Functions.Tests;

/// <summary>
/// The HTTP functions' request path without a Functions host: the app's endpoint behind the local host's middleware
/// (authentication, problem details). Only answers that need no storage are checked here.
/// </summary>
public sealed class AppEndpointsTests
{
    [Fact]
    public async Task InvokeAsync_NoApiKey_Answers401ProblemDetailsWithTheChallenge()
    {
        using var app = Hosts.FunctionsApp();

        var (http, body) = await InvokeAsync(app, HttpMethods.Get, "/api/v1/workflows", "v1/workflows", selected: WorkerEndpoint());

        http.Response.StatusCode.ShouldBe(StatusCodes.Status401Unauthorized);
        http.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        http.Response.Headers.WWWAuthenticate.ToString().ShouldContain(ApiKeyAuthenticationHandler.HeaderName);
        ((int?)body!["status"]).ShouldBe(401);
    }

    [Fact]
    public async Task InvokeAsync_EndpointNotMappedInThisConfiguration_Answers404ProblemDetailsWithoutRunningTheWorkersEndpoint()
    {
        // The demo workflow has no vector index, so the app maps no search endpoint (nor does the local host).
        using var app = Hosts.FunctionsApp(new Dictionary<string, string?> { ["App:Workflow"] = "DocumentStats" });

        var (http, body) = await InvokeAsync(app, HttpMethods.Get, "/api/v1/search", "v1/search", selected: WorkerEndpoint());

        http.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        http.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        ((int?)body!["status"]).ShouldBe(404);
    }

    [Fact]
    public async Task InvokeAsync_OpenApiDocument_DescribesTheWorkflowApi()
    {
        using var app = Hosts.FunctionsApp();

        var (http, body) = await InvokeAsync(
            app, HttpMethods.Get, "/api/openapi/v1.json", "openapi/{documentName}.json", new Dictionary<string, string> { ["documentName"] = "v1" });

        http.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        body!["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/v1/workflows/{instanceId}");
    }

    [Theory]
    [InlineData("/api/v1/workflows", "v1/workflows")]
    [InlineData("/api/v1/workflows/", "v1/workflows")]
    [InlineData("/api/v1/workflows/{instanceId}/raiseEvent/{eventName}", "v1/workflows/{instanceId}/raiseEvent/{eventName}")]
    [InlineData("/healthz", "healthz")]
    [InlineData("/openapi/{documentName}.json", "openapi/{documentName}.json")]
    public void FunctionRoute_LocalPath_IsRelativeToTheRoutePrefix(string localPath, string expected)
    {
        AppEndpoints.FunctionRoute(localPath).ShouldBe(expected);
    }

    [Fact]
    public void RouteValues_BindingDataOfAnHttpTrigger_AreTheRoutesParametersOnly()
    {
        var bindingData = new Dictionary<string, object?>
        {
            ["instanceId"] = "acme~a",
            ["eventName"] = "ReviewDecision",
            ["reason"] = "a query parameter",
            ["Headers"] = "{}",
        };

        var values = AppEndpoints.RouteValues("v1/workflows/{instanceId}/raiseEvent/{eventName}", bindingData);

        values.ShouldBe(new Dictionary<string, string> { ["instanceId"] = "acme~a", ["eventName"] = "ReviewDecision" }, ignoreOrder: true);
    }

    /// <summary>An endpoint as the worker's own pipeline selects for a function: never to be run by the app's pipeline.</summary>
    private static Endpoint WorkerEndpoint() =>
        new(_ => throw new InvalidOperationException("The worker's endpoint ran."), EndpointMetadataCollection.Empty, "function");

    private static async Task<(HttpContext Http, JsonNode? Body)> InvokeAsync(
        IHost app, string method, string path, string route, Dictionary<string, string>? routeValues = null, Endpoint? selected = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.SetEndpoint(selected);
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = path;
        using var responseBody = new MemoryStream();
        http.Response.Body = responseBody;

        await app.Services.GetRequiredService<AppEndpoints>().InvokeAsync(http, method, route, routeValues);

        var text = System.Text.Encoding.UTF8.GetString(responseBody.ToArray());
        return (http, text.Length > 0 ? JsonNode.Parse(text) : null);
    }
}
