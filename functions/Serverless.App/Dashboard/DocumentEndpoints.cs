using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.App.Api;
using Serverless.App.Security;
using Serverless.App.Telemetry;
using Serverless.App.Workflows;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Workflow;

namespace Serverless.App.Dashboard;

/// <summary>
/// The documents API the dashboard (and any client) reads: the tenant's document workflows as rows with filters
/// (status, label, created range) and paging, one document with its step timeline and extracted text, the
/// taxonomy a reviewer picks from, and bulk retry of failed workflows with an estimate of what it will bill.
/// Every route needs an API key and sees only the caller's tenant.
/// </summary>
internal static class DocumentEndpoints
{
    public const int MaxPageSize = 200;
    public const int MaxRetryBatch = 100;

    /// <summary>With a label filter, at most this many engine pages are read for one answer.</summary>
    public const int MaxScannedPages = 10;

    /// <summary>The steps that bill; the estimate of a retry prices those that had not finished.</summary>
    public static readonly string[] BilledSteps = ["extract", "summarize", "classify", "embed"];

    /// <summary>The steps whose outputs the step cache keeps (what a retry reads instead of computing again).</summary>
    private static readonly HashSet<string> CachedKinds = new(StringComparer.Ordinal) { "extract", "chunk", "summarize", "classify", "embed" };

    public static readonly TimeSpan EstimateBasis = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(SecurityExtensions.PerKeyPolicy)
            .WithTags("documents");
        api.MapGet("/documents", ListAsync).WithName("ListDocuments")
            .WithSummary("The tenant's document workflows as rows (status, label, confidence, entry, tokens, cost, duration), newest first per page; filters status, label, createdFrom, createdTo; paging by continuationToken.")
            .Produces<DocumentPage>();
        api.MapGet("/documents/{instanceId}", GetAsync).WithName("GetDocument")
            .WithSummary("One document: its row, summary, label rationale and the timeline of its steps (attempts, provider, model, tokens, cost, cached).")
            .Produces<DocumentDetail>();
        api.MapGet("/documents/{instanceId}/text", TextAsync).WithName("GetDocumentText")
            .WithSummary("The document's extracted text, page by page.")
            .Produces<DocumentText>();
        api.MapGet("/documents/{instanceId}/trace", TraceAsync).WithName("GetDocumentTrace")
            .WithSummary("The document's recent traces (intake, orchestration, activities, outgoing calls) as the local host keeps them in memory; in Azure, see Application Insights.")
            .Produces<DocumentTrace>();
        api.MapGet("/taxonomy", (Taxonomy taxonomy) => Results.Json(
                new TaxonomyView([.. taxonomy.Labels.Select(l => new TaxonomyLabelView(l.Name, l.Description))]), ApiJsonContext.Default.TaxonomyView))
            .WithName("GetTaxonomy")
            .WithSummary("The labels of the taxonomy (what a review decision may choose).")
            .Produces<TaxonomyView>();
        api.MapPost("/documents/retry-estimate", EstimateAsync).WithName("EstimateRetry")
            .WithSummary("What restarting the given failed workflows would bill: finished steps come from the step cache; the rest at the tenant's recent average.")
            .Produces<RetryEstimateResponse>();
        api.MapPost("/documents/retry", RetryAsync).WithName("RetryDocuments")
            .WithSummary("Restarts the given failed or terminated workflows under their own ids.")
            .Produces<RetryResponse>();
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? status, string? label, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, int? top, string? continuationToken,
        HttpContext http, WorkflowService workflows, TimeProvider time, CancellationToken ct)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var s in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var parsed) || int.TryParse(s, out _))
            {
                return Problems.BadRequest("invalid-status", $"'{s}' is not a runtime status ({string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}).");
            }

            statuses.Add(parsed);
        }

        var size = top ?? 25;
        if (size is < 1 or > MaxPageSize)
        {
            return Problems.BadRequest("invalid-top", $"top must be between 1 and {MaxPageSize}.");
        }

        if (continuationToken is { Length: > 4096 })
        {
            return Problems.BadRequest("invalid-continuation-token", "The continuation token is not one this API returned.");
        }

        var tenant = http.User.GetTenant();
        var rows = new List<DocumentRow>();
        var token = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        var scanned = 0;
        do
        {
            var page = await workflows.ListAsync(
                tenant,
                new OrchestrationQuery
                {
                    CreatedFrom = createdFrom,
                    CreatedTo = createdTo,
                    Statuses = statuses.Count > 0 ? statuses : null,
                    PageSize = size,
                    ContinuationToken = token,
                    FetchInputsAndOutputs = true,
                },
                ct);
            scanned++;
            token = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
            rows.AddRange(page.Values
                .Where(m => m.Name == nameof(DocumentPipeline))
                .Select(m => DocumentViews.Row(m, time.GetUtcNow()))
                .Where(r => label is null || string.Equals(r.Label, label, StringComparison.OrdinalIgnoreCase)));
        }
        while (label is not null && rows.Count < size && token is not null && scanned < MaxScannedPages);

        rows.Sort((a, b) => b.CreatedTime.CompareTo(a.CreatedTime));
        return Results.Json(new DocumentPage(rows, token, scanned), ApiJsonContext.Default.DocumentPage);
    }

    private static async Task<IResult> GetAsync(
        string instanceId, HttpContext http, WorkflowService workflows, IOptions<AppOptions> options, TimeProvider time, CancellationToken ct)
    {
        var metadata = await workflows.GetAsync(http.User.GetTenant(), instanceId, withData: true, ct);
        if (metadata is null)
        {
            return Problems.NotFound($"No workflow '{instanceId}'.");
        }

        var history = await workflows.GetHistoryAsync(instanceId, ct);
        var output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? DocumentViews.Parse(metadata.SerializedOutput) : null;
        var monitor = options.Value.MonitorInstanceUrl is { Length: > 0 } template
            ? template.Replace("{instanceId}", Uri.EscapeDataString(instanceId), StringComparison.Ordinal)
            : null;
        var detail = new DocumentDetail(
            DocumentViews.Row(metadata, time.GetUtcNow()),
            // Before the workflow ends (e.g. while it waits for a review) the summary and rationale are in its history.
            DocumentViews.Text(output?["summary"]) ?? DocumentViews.Text(DocumentTimeline.LastResult(history, nameof(SummarizeActivity))?["summary"]),
            DocumentViews.Text(output?["classification"]?["rationale"]) ?? DocumentViews.Text(DocumentTimeline.LastResult(history, nameof(ClassifyActivity))?["classification"]?["rationale"]),
            DocumentViews.Text(output?["language"]),
            output?["pageCount"] is null ? null : (int)DocumentViews.Long(output["pageCount"]),
            output?["chunkCount"] is null ? null : (int)DocumentViews.Long(output["chunkCount"]),
            DocumentTimeline.Steps(history),
            DocumentTimeline.Events(history),
            monitor);
        return Results.Json(detail, ApiJsonContext.Default.DocumentDetail);
    }

    private static async Task<IResult> TextAsync(string instanceId, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        var metadata = await workflows.GetAsync(http.User.GetTenant(), instanceId, withData: true, ct);
        var input = metadata?.SerializedInput is { } json
            ? System.Text.Json.JsonSerializer.Deserialize(json, Serverless.Pipeline.Workflow.WorkflowJsonContext.Default.DocumentPipelineInput)
            : null;
        if (metadata is null || input is null)
        {
            return Problems.NotFound($"No workflow '{instanceId}'.");
        }

        var artifacts = http.RequestServices.GetService<PipelineArtifacts>();
        var extraction = artifacts is null ? null : await artifacts.CachedExtractionAsync(input, ct);
        if (extraction is null)
        {
            return Problems.NotFound($"Workflow '{instanceId}' has no extracted text (extraction has not run or failed).");
        }

        return Results.Json(
            new DocumentText(instanceId, [.. extraction.Pages.Select(p => new DocumentTextPage(p.PageNumber, p.Source.ToString().ToLowerInvariant(), p.Text))]),
            ApiJsonContext.Default.DocumentText);
    }

    private static async Task<IResult> TraceAsync(string instanceId, HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        if (await workflows.GetAsync(http.User.GetTenant(), instanceId, withData: false, ct) is null)
        {
            return Problems.NotFound($"No workflow '{instanceId}'.");
        }

        if (http.RequestServices.GetService<ITraceStore>() is not { } store)
        {
            return Problems.NotFound("This host keeps no traces: see the OpenTelemetry exporter's backend (Application Insights in Azure).");
        }

        var traces = store.TracesOf(instanceId);
        return traces.Count == 0
            ? Problems.NotFound($"No recent trace of '{instanceId}' in this process (it keeps the last spans only, and not across restarts).")
            : Results.Json(new DocumentTrace(instanceId, traces), ApiJsonContext.Default.DocumentTrace);
    }

    private static async Task<IResult> EstimateAsync(HttpContext http, WorkflowService workflows, TimeProvider time, CancellationToken ct)
    {
        if (await ReadIdsAsync(http, ct) is not { } ids)
        {
            return InvalidRetryRequest();
        }

        var tenant = http.User.GetTenant();
        var usage = http.RequestServices.GetService<UsageStore>();
        var now = time.GetUtcNow();
        var basis = usage is null ? null : await usage.QueryAsync(tenant, now - EstimateBasis, now, ct);
        var items = new List<RetryEstimate>();
        foreach (var id in ids)
        {
            var metadata = await workflows.GetAsync(tenant, id, withData: false, ct);
            if (metadata is null || metadata.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                items.Add(new RetryEstimate(id, false, metadata is null ? "not-found" : $"is {metadata.RuntimeStatus}", [], [], null, null));
                continue;
            }

            var steps = DocumentTimeline.Steps(await workflows.GetHistoryAsync(id, ct));
            var done = DocumentTimeline.CompletedSteps(steps);
            var indexed = steps.Any(s => s.Activity == nameof(IndexChunksActivity) && s.Outcome == "completed");
            var cached = done.Where(s => CachedKinds.Contains(WorkflowUsage.StepKind(s))).Order(StringComparer.Ordinal).ToList();
            var toRun = BilledSteps.Where(kind => kind == "embed" ? !indexed : !done.Contains(kind)).ToList();
            var (tokens, cost) = Price(basis, toRun);
            items.Add(new RetryEstimate(id, true, null, cached, toRun, tokens, cost));
        }

        var retryable = items.Where(i => i.Retryable).ToList();
        var priced = retryable.All(i => i.EstimatedCost is not null);
        return Results.Json(
            new RetryEstimateResponse(
                items,
                priced ? retryable.Sum(i => i.EstimatedTokens ?? 0) : null,
                priced ? retryable.Sum(i => i.EstimatedCost ?? 0m) : null,
                basis?.Completed ?? 0,
                (int)EstimateBasis.TotalDays),
            ApiJsonContext.Default.RetryEstimateResponse);
    }

    /// <summary>The tenant's average tokens and cost per completed workflow for the given step kinds (null without a completed workflow to go by).</summary>
    private static (long? Tokens, decimal? Cost) Price(TenantUsage? basis, List<string> kinds)
    {
        if (kinds.Count == 0)
        {
            return (0, 0m);
        }

        if (basis is null || basis.Completed == 0)
        {
            return (null, null);
        }

        var totals = kinds.Select(k => basis.ByStep.GetValueOrDefault(k, UsageTotals.Zero)).ToList();
        return (
            (long)Math.Ceiling(totals.Sum(t => (double)(t.InputTokens + t.OutputTokens)) / basis.Completed),
            decimal.Round(totals.Sum(t => t.Cost) / basis.Completed, 6));
    }

    private static async Task<IResult> RetryAsync(HttpContext http, WorkflowService workflows, CancellationToken ct)
    {
        if (await ReadIdsAsync(http, ct) is not { } ids)
        {
            return InvalidRetryRequest();
        }

        var tenant = http.User.GetTenant();
        var outcomes = new List<RetryOutcome>();
        foreach (var id in ids)
        {
            var metadata = await workflows.GetAsync(tenant, id, withData: false, ct);
            if (metadata is null || metadata.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                outcomes.Add(new RetryOutcome(id, false, metadata is null ? "not-found" : $"is {metadata.RuntimeStatus}"));
                continue;
            }

            var restarted = await workflows.RestartAsync(tenant, id, newInstanceId: null, ct) is not null;
            outcomes.Add(new RetryOutcome(id, restarted, restarted ? null : "no-input"));
        }

        return Results.Json(new RetryResponse(outcomes, outcomes.Count(o => o.Restarted)), ApiJsonContext.Default.RetryResponse);
    }

    private static async Task<IReadOnlyList<string>?> ReadIdsAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            var request = await http.Request.ReadFromJsonAsync(ApiJsonContext.Default.RetryRequest, ct);
            return request?.InstanceIds is { Count: > 0 and <= MaxRetryBatch } ids && ids.All(i => !string.IsNullOrWhiteSpace(i) && i.Length <= 200)
                ? [.. ids.Distinct(StringComparer.Ordinal)]
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult InvalidRetryRequest() =>
        Problems.BadRequest("invalid-retry-request", $"Send application/json {{\"instanceIds\": [\"…\"]}} with 1 to {MaxRetryBatch} instance ids.");
}
