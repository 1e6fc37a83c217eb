using System.Diagnostics;
using OpenTelemetry.Trace;
using Serverless.App.Workflows;
using Serverless.LocalHost.Tests.Api;
using Serverless.Testing;
using Shouldly;

namespace Serverless.LocalHost.Tests.Telemetry;

/// <summary>One trace per document, from the HTTP intake through the engine to each activity and its storage calls (in-memory exporter).</summary>
public sealed class TraceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Upload_OneTrace_FromTheRequestThroughTheOrchestrationToEachActivity()
    {
        var spans = new List<Activity>();
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), services: s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        using var client = await app.ClientForAsync("acme");

        using var start = await client.UploadAsync("one\ntwo\n"u8.ToArray(), "notes.txt");
        var id = (string)(await start.JsonAsync())["id"]!;
        (await app.WaitForCompletionAsync(id)).RuntimeStatus.ShouldBe(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed);

        // Spans end after the orchestration's state is saved: wait for the last activity's and the orchestration's.
        var deadline = Stopwatch.StartNew();
        List<Activity> trace = [];
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            lock (spans)
            {
                // Other tests' apps run in this process too: the request is the one that started this workflow.
                var request = spans.FirstOrDefault(s => Equals(s.GetTagItem("serverless.instance_id"), id));
                trace = request is null ? [] : [.. spans.Where(s => s.TraceId == request.TraceId)];
            }

            if (trace.Count(s => s.DisplayName.StartsWith("activity:", StringComparison.Ordinal) && s.Kind == ActivityKind.Server) == 2
                && trace.Any(s => s.DisplayName == $"orchestration:{nameof(DocumentStatsOrchestrator)}"))
            {
                break;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var root = trace.Single(s => s.ParentSpanId == default);
        root.DisplayName.ShouldBe("POST /api/v1/workflows/");
        var create = Child(trace, root, $"create_orchestration:{nameof(DocumentStatsOrchestrator)}");
        var orchestration = Child(trace, create, $"orchestration:{nameof(DocumentStatsOrchestrator)}");
        foreach (var activity in new[] { nameof(CountBytesActivity), nameof(CountLinesActivity) })
        {
            var scheduled = Child(trace, orchestration, $"activity:{activity}");
            var ran = Child(trace, scheduled, $"activity:{activity}");
            ran.Kind.ShouldBe(ActivityKind.Server);

            // The activity reads the document: its storage calls belong to the document's trace.
            trace.Any(s => s.ParentSpanId == ran.SpanId && s.Kind == ActivityKind.Client).ShouldBeTrue($"{activity} made no traced call");
        }

        lock (spans)
        {
            spans.ShouldNotContain(s => s.Kind == ActivityKind.Client && s.ParentSpanId == default,
                "the engine's background polling must not produce a trace of its own per call");
        }
    }

    [Fact]
    public async Task BlobDrop_IntakeSpanIsTheRootOfTheWorkflowsTrace()
    {
        var spans = new List<Activity>();
        await using var app = new FunctionsApp(azurite, AppNames.Unique(), new Dictionary<string, string?> { ["App:Ingestion"] = "None" }, services: s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        _ = app.Server;
        await Ingestion.BlobDropTests.UploadAsync(app, "acme/dropped.txt", "dropped\nfile\n"u8.ToArray());

        var outcome = await app.Get<Serverless.App.Ingestion.BlobIngestor>().IngestAsync(app.Names.Incoming, "acme/dropped.txt", TestContext.Current.CancellationToken);
        await app.WaitForCompletionAsync(outcome.InstanceId!);

        var deadline = Stopwatch.StartNew();
        Activity? orchestration = null;
        Activity? intake = null;
        while (orchestration is null && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            lock (spans)
            {
                intake = spans.FirstOrDefault(s => s.DisplayName == "intake blob" && Equals(s.GetTagItem("serverless.instance_id"), outcome.InstanceId));
                orchestration = intake is null ? null : spans.FirstOrDefault(s => s.TraceId == intake.TraceId && s.DisplayName == $"orchestration:{nameof(DocumentStatsOrchestrator)}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        intake.ShouldNotBeNull();
        intake.ParentSpanId.ShouldBe(default);
        orchestration.ShouldNotBeNull("the workflow's spans are not in the intake's trace");
    }

    private static Activity Child(List<Activity> trace, Activity parent, string name) =>
        trace.SingleOrDefault(s => s.ParentSpanId == parent.SpanId && s.DisplayName == name)
        ?? throw new ShouldAssertException($"no span '{name}' under '{parent.DisplayName}'; spans: {string.Join(", ", trace.Select(s => s.DisplayName))}");
}
