using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Functions.CustomHandler;

internal static partial class CustomHandlerExtensions
{
    /// <summary>The storage connection setting every binding names (the Functions convention).</summary>
    public const string Connection = "AzureWebJobsStorage";

    public static IServiceCollection AddCustomHandler(this IServiceCollection services)
    {
        var entries = new List<FunctionCatalog.Entry>();
        Add<IncomingBlob>(nameof(IncomingBlob));
        Add<IncomingBlobEvent>(nameof(IncomingBlobEvent));
        Add<ErpInbound>(nameof(ErpInbound));
        Add<HttpApi>(nameof(HttpApi));
        Add<DurableOrchestrations>(nameof(DurableOrchestrations));
        Add<DurableActivities>(nameof(DurableActivities));
        services.AddSingleton(new FunctionCatalog(entries));
        services.AddHttpClient(HttpApi.SelfClientName);
        return services;

        void Add<T>(string name)
            where T : class, IFunction
        {
            services.AddSingleton<T>();
            entries.Add(new FunctionCatalog.Entry(name, typeof(T), T.Bindings));
        }
    }

    /// <summary>
    /// Maps <c>POST /{FunctionName}</c> for every function. A failing function answers 500 with its
    /// error in <c>Logs</c> (no stack trace), which tells the host to retry the trigger (queue messages
    /// then reach <c>{queue}-poison</c> after maxDequeueCount attempts).
    /// </summary>
    public static WebApplication MapCustomHandler(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        foreach (var entry in catalog.Entries)
        {
            app.MapPost("/" + entry.Name, (HttpContext http, CancellationToken ct) => InvokeAsync(entry, http, ct))
                .ExcludeFromDescription()
                .DisableAntiforgery();
        }

        return app;
    }

    private static async Task<IResult> InvokeAsync(FunctionCatalog.Entry entry, HttpContext http, CancellationToken ct)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustomHandlerExtensions));
        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, CustomHandlerJsonContext.Default.InvocationRequest, ct);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return Api.Problems.BadRequest("invalid-invocation", "The body must be the custom handler request payload: {\"Data\": {…}, \"Metadata\": {…}}.");
        }

        var function = (IFunction)http.RequestServices.GetRequiredService(entry.Type);
        try
        {
            var response = await function.InvokeAsync(request, ct);
            return Results.Json(response, CustomHandlerJsonContext.Default.InvocationResponse);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogFunctionFailed(logger, ex, entry.Name);
            var failed = new InvocationResponse([], [$"{entry.Name} failed: {ex.GetType().Name}: {ex.Message}"], null);
            return Results.Json(failed, CustomHandlerJsonContext.Default.InvocationResponse, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>A binding object of function.json.</summary>
    public static JsonObject Binding(string type, string direction, string name, params (string Key, JsonNode? Value)[] properties)
    {
        var binding = new JsonObject { ["type"] = type, ["direction"] = direction, ["name"] = name };
        foreach (var (key, value) in properties)
        {
            binding[key] = value;
        }

        return binding;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Function {FunctionName} failed")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string functionName);
}
