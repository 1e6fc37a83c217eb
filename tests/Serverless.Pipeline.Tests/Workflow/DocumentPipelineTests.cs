using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Classification;
using Serverless.Pipeline.Cost;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Results;
using Serverless.Pipeline.Workflow;
using Shouldly;

namespace Serverless.Pipeline.Tests.Workflow;

/// <summary>
/// The branches of <see cref="DocumentPipeline"/> on the SDK's in-memory engine: the real orchestrator, with
/// scripted activities registered under the real activity names (the activities are tested on their own).
/// Timers and retries run in real time: the review timeout is a second, and the retried step is the chunker (1 s first retry).
/// </summary>
public sealed class DocumentPipelineTests
{
    private const string Tenant = "acme";
    private const string Sha = "5f1d3c0a";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_AllStepsSucceed_PersistsNotifiesAndReturnsTheResult()
    {
        var fake = new ScriptedActivities();
        await using var host = await StartAsync(fake);

        var (state, result) = await RunAsync(host, "acme~happy");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ShouldNotBeNull();
        result.WorkflowId.ShouldBe("acme~happy");
        result.DocumentId.ShouldBe(fake.Plan.DocumentId);
        result.Summary.ShouldBe("A short summary.");
        result.Classification!.Label.ShouldBe("invoice");
        result.LabelDecidedBy.ShouldBe("model");
        result.ChunkCount.ShouldBe(5);
        result.Steps.Select(s => s.Step).ShouldBe(["extract", "chunk", "summarize", "classify", "embed-0", "embed-1"]);
        result.Cost.ShouldBe(0.03m + 0.02m + 0.001m + 0.001m);
        fake.Count(nameof(EmbedBatchActivity)).ShouldBe(2);
        var persisted = fake.Inputs<PersistInput>(nameof(PersistResultActivity)).ShouldHaveSingleItem();
        persisted.Claimed.ShouldBeTrue();
        persisted.ResultBlob.ShouldBe(fake.Plan.ResultBlob);
        persisted.Result.ShouldBe(result with { Steps = persisted.Result.Steps });
        var notified = fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion;
        notified.Status.ShouldBe(WorkflowCompletion.Completed);
        notified.ResultBlob.ShouldBe($"results/{fake.Plan.ResultBlob}");
        notified.Label.ShouldBe("invoice");
        notified.Cost.ShouldBe(result.Cost);
        notified.CorrelationId.ShouldBe("corr-1");
        fake.Count(nameof(ReleaseDocumentActivity)).ShouldBe(0);
        fake.Count(nameof(RecordUsageActivity)).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_StepFailsAfterClaim_ReleasesTheClaimAndFailsWithTheReason()
    {
        var fake = new ScriptedActivities();
        fake.Fail(nameof(ExtractTextActivity), new DocumentRejectedException(ExtractionErrorCodes.UnknownFormat, "The bytes are not a PDF."));
        await using var host = await StartAsync(fake);

        var (state, _) = await RunAsync(host, "acme~release");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        state.FailureDetails!.ErrorMessage.ShouldBe($"{nameof(ExtractTextActivity)} failed: {ExtractionErrorCodes.UnknownFormat}: The bytes are not a PDF.");
        fake.Inputs<ReleaseInput>(nameof(ReleaseDocumentActivity)).ShouldHaveSingleItem().ShouldBe(new ReleaseInput(Tenant, Sha, "acme~release"));
        var usage = fake.Inputs<WorkflowUsage>(nameof(RecordUsageActivity)).ShouldHaveSingleItem();
        usage.Status.ShouldBe(WorkflowUsage.Failed);
        usage.Steps.ShouldBeEmpty();
        var notified = fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion;
        notified.Status.ShouldBe(WorkflowCompletion.Failed);
        notified.Error.ShouldBe($"{ExtractionErrorCodes.UnknownFormat}: The bytes are not a PDF.");
        fake.Count(nameof(ChunkTextActivity)).ShouldBe(0);
        fake.Count(nameof(PersistResultActivity)).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_StepFailsWithoutClaim_ReleasesNothing()
    {
        var fake = new ScriptedActivities();
        fake.Plan = fake.Plan with { Claimed = false };
        fake.Fail(nameof(ExtractTextActivity), new DocumentRejectedException(ExtractionErrorCodes.UnknownFormat, "Not a PDF."));
        await using var host = await StartAsync(fake);

        var (state, _) = await RunAsync(host, "acme~unclaimed");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        fake.Count(nameof(ReleaseDocumentActivity)).ShouldBe(0);
        fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion.Status.ShouldBe(WorkflowCompletion.Failed);
    }

    [Fact]
    public async Task RunAsync_StartFails_ReportsTheFailureWithoutRelease()
    {
        var fake = new ScriptedActivities();
        fake.Fail(nameof(StartDocumentActivity), new StepFailedException("budget-exceeded", "The tenant's monthly budget is spent.", isTransient: false));
        await using var host = await StartAsync(fake);

        var (state, _) = await RunAsync(host, "acme~nobudget");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        state.FailureDetails!.ErrorMessage.ShouldBe($"{nameof(StartDocumentActivity)} failed: budget-exceeded: The tenant's monthly budget is spent.");
        fake.Count(nameof(StartDocumentActivity)).ShouldBe(1);
        fake.Count(nameof(ReleaseDocumentActivity)).ShouldBe(0);
        fake.Inputs<WorkflowUsage>(nameof(RecordUsageActivity)).ShouldHaveSingleItem().Status.ShouldBe(WorkflowUsage.Failed);
        fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion.Error.ShouldBe("budget-exceeded: The tenant's monthly budget is spent.");
    }

    [Fact]
    public async Task RunAsync_LowConfidenceAndReviewEvent_UsesTheReviewersLabel()
    {
        var fake = new ScriptedActivities { Confidence = 0.4 };
        await using var host = await StartAsync(fake);
        var id = await ScheduleAsync(host, "acme~review");

        await WaitForStatusAsync(host, id, s => s.WaitingFor == fake.Plan.ReviewEventName);
        await host.Client.RaiseEventAsync(id, fake.Plan.ReviewEventName, new ReviewDecision("contract", "dana"), TestContext.Current.CancellationToken);
        var (state, result) = await WaitForEndAsync(host, id);

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result!.LabelDecidedBy.ShouldBe("human");
        result.Classification!.Label.ShouldBe("contract");
        result.Classification.Confidence.ShouldBe(1.0);
        result.Classification.Rationale.ShouldBe("Decided in review by dana; the model said invoice (0.40).");
        fake.Count(nameof(EmbedBatchActivity)).ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_LowConfidenceAndNoReview_AppliesTheDefaultLabelAtTimeout()
    {
        var fake = new ScriptedActivities { Confidence = 0.4 };
        await using var host = await StartAsync(fake);

        var (state, result) = await RunAsync(host, "acme~timeout");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result!.LabelDecidedBy.ShouldBe("default");
        result.Classification!.Label.ShouldBe("other");
        result.Classification.Confidence.ShouldBe(0.4);
        result.Classification.Rationale.ShouldBe("Review timed out; default label applied (the model said invoice).");
        fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion.Label.ShouldBe("other");
    }

    [Fact]
    public async Task RunAsync_ReviewEventWithUnknownLabel_AppliesTheDefaultLabel()
    {
        var fake = new ScriptedActivities { Confidence = 0.4 };
        fake.Plan = fake.Plan with { ReviewTimeout = TimeSpan.FromMinutes(5) };
        await using var host = await StartAsync(fake);
        var id = await ScheduleAsync(host, "acme~badlabel");

        await WaitForStatusAsync(host, id, s => s.WaitingFor == fake.Plan.ReviewEventName);
        await host.Client.RaiseEventAsync(id, fake.Plan.ReviewEventName, new ReviewDecision("recipe"), TestContext.Current.CancellationToken);
        var (state, result) = await WaitForEndAsync(host, id);

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result!.LabelDecidedBy.ShouldBe("default");
        result.Classification!.Label.ShouldBe("other");
    }

    [Fact]
    public async Task RunAsync_LowConfidenceWithoutDefaultLabel_KeepsTheModelsLabelAtTimeout()
    {
        var fake = new ScriptedActivities { Confidence = 0.4 };
        fake.Plan = fake.Plan with { ReviewDefaultLabel = null };
        await using var host = await StartAsync(fake);

        var (state, result) = await RunAsync(host, "acme~nodefault");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result!.LabelDecidedBy.ShouldBe("default");
        result.Classification!.Label.ShouldBe("invoice");
        result.Classification.Confidence.ShouldBe(0.4);
    }

    [Fact]
    public async Task RunAsync_ExistingResult_ReusesItWithoutRunningTheSteps()
    {
        var fake = new ScriptedActivities();
        var existing = new DocumentResult
        {
            Tenant = Tenant,
            WorkflowId = "acme~first",
            DocumentId = "doc-1",
            ContentHash = Sha,
            FileName = "old.pdf",
            Summary = "Done before.",
            Steps = [new StepRecord("summarize", "llm", "m", 100, 20, 0.02m, Cached: false, 1200)],
        };
        fake.Plan = fake.Plan with { Claimed = false, Existing = existing };
        await using var host = await StartAsync(fake);

        var (state, result) = await RunAsync(host, "acme~again");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result!.WorkflowId.ShouldBe("acme~again");
        result.ReusedFromWorkflowId.ShouldBe("acme~first");
        result.FileName.ShouldBe("invoice.pdf");
        result.Summary.ShouldBe("Done before.");
        result.Cost.ShouldBe(0m);
        result.Steps.ShouldHaveSingleItem().ShouldBe(new StepRecord("summarize", "llm", "m", 0, 0, 0m, Cached: true, 0));
        var persisted = fake.Inputs<PersistInput>(nameof(PersistResultActivity)).ShouldHaveSingleItem();
        persisted.Claimed.ShouldBeFalse();
        persisted.Result.ReusedFromWorkflowId.ShouldBe("acme~first");
        fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion.Cost.ShouldBe(0m);
        fake.Count(nameof(ExtractTextActivity)).ShouldBe(0);
        fake.Count(nameof(SummarizeActivity)).ShouldBe(0);
        fake.Count(nameof(EmbedBatchActivity)).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_ClassifyFailsAfterSummarySucceeded_BillsTheStepsThatSucceeded()
    {
        var fake = new ScriptedActivities();
        fake.Fail(nameof(ClassifyActivity), new StepFailedException("model-output-invalid", "No valid label after 3 attempts.", isTransient: false));
        await using var host = await StartAsync(fake);

        var (state, _) = await RunAsync(host, "acme~partial");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        state.FailureDetails!.ErrorMessage.ShouldBe($"{nameof(ClassifyActivity)} failed: model-output-invalid: No valid label after 3 attempts.");
        var usage = fake.Inputs<WorkflowUsage>(nameof(RecordUsageActivity)).ShouldHaveSingleItem();
        usage.Status.ShouldBe(WorkflowUsage.Failed);
        usage.WorkflowId.ShouldBe("acme~partial");
        usage.Steps.Select(s => s.Step).ShouldBe(["extract", "chunk", "summarize"]);
        usage.Steps.Sum(s => s.Cost).ShouldBe(0.03m);
        var notified = fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion;
        notified.Cost.ShouldBe(0.03m);
        notified.Tokens.ShouldBe(1200 + 80);
        fake.Count(nameof(ReleaseDocumentActivity)).ShouldBe(1);
        fake.Count(nameof(EmbedBatchActivity)).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_TransientStepFailure_IsRetriedAndTheWorkflowCompletes()
    {
        var fake = new ScriptedActivities();
        fake.Fail(nameof(ChunkTextActivity), new TransientStepException("chunk: storage answered 503 (ServerBusy)."));
        await using var host = await StartAsync(fake);

        var (state, result) = await RunAsync(host, "acme~transient");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        fake.Count(nameof(ChunkTextActivity)).ShouldBe(2);
        result!.Steps.Select(s => s.Step).ShouldContain("chunk");
        fake.Count(nameof(ReleaseDocumentActivity)).ShouldBe(0);
    }

    public static TheoryData<string, Exception> FatalFailures => new()
    {
        { "pdf-encrypted: The PDF is encrypted.", new DocumentRejectedException(ExtractionErrorCodes.PdfEncrypted, "The PDF is encrypted.") },
        { "provider-rejected: 400 from the provider.", new StepFailedException("provider-rejected", "400 from the provider.", isTransient: false) },
    };

    [Theory]
    [MemberData(nameof(FatalFailures))]
    public async Task RunAsync_FatalStepFailure_IsNotRetriedAndFailsTheWorkflow(string reason, Exception failure)
    {
        var fake = new ScriptedActivities();
        fake.Fail(nameof(ChunkTextActivity), failure);
        await using var host = await StartAsync(fake);

        var (state, _) = await RunAsync(host, "acme~fatal");

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        state.FailureDetails!.ErrorType.ShouldBe(typeof(DocumentPipelineFailedException).FullName);
        state.FailureDetails.ErrorMessage.ShouldBe($"{nameof(ChunkTextActivity)} failed: {reason}");
        fake.Count(nameof(ChunkTextActivity)).ShouldBe(1);
        fake.Count(nameof(ReleaseDocumentActivity)).ShouldBe(1);
        fake.Inputs<NotifyInput>(nameof(NotifyActivity)).ShouldHaveSingleItem().Completion.Error.ShouldBe(reason);
    }

    [Fact]
    public async Task RunAsync_HoldUntilEvent_StartsOnlyAfterTheRelease()
    {
        var fake = new ScriptedActivities();
        await using var host = await StartAsync(fake);
        var id = await ScheduleAsync(host, "acme~held", Input() with { HoldUntilEvent = "release" });

        await WaitForStatusAsync(host, id, s => s.WaitingFor == "release");
        fake.Count(nameof(StartDocumentActivity)).ShouldBe(0);
        await host.Client.RaiseEventAsync(id, "release", cancellation: TestContext.Current.CancellationToken);
        var (state, _) = await WaitForEndAsync(host, id);

        state.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        fake.Count(nameof(StartDocumentActivity)).ShouldBe(1);
    }

    private static DocumentPipelineInput Input() =>
        new(Tenant, "uploads", "acme/invoice.pdf", Sha) { FileName = "invoice.pdf", CorrelationId = "corr-1" };

    private static Task<DurableTaskTestHost> StartAsync(ScriptedActivities fake) =>
        DurableTaskTestHost.StartAsync(
            r => fake.Register(r.AddOrchestrator<DocumentPipeline>()),
            new DurableTaskTestHostOptions
            {
                // The host's default is a random port in 30000-40000, which another test's server can hold: ask the OS for a free one.
                Port = Serverless.Testing.AzuriteFixture.FreePort(),
                ConfigureServices = s =>
                {
                    s.Configure<DurableTaskWorkerOptions>(o => o.DataConverter = WorkflowData.Converter);
                    s.Configure<DurableTaskClientOptions>(o => o.DataConverter = WorkflowData.Converter);
                },
            },
            TestContext.Current.CancellationToken);

    private static async Task<(OrchestrationMetadata State, DocumentResult? Result)> RunAsync(DurableTaskTestHost host, string id) =>
        await WaitForEndAsync(host, await ScheduleAsync(host, id));

    private static Task<string> ScheduleAsync(DurableTaskTestHost host, string id, DocumentPipelineInput? input = null) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(DocumentPipeline), input ?? Input(), new StartOrchestrationOptions(id), TestContext.Current.CancellationToken);

    /// <summary>Polls the instance (WaitForInstanceCompletionAsync would add the client's polling delay) until it has ended.</summary>
    private static async Task<(OrchestrationMetadata State, DocumentResult? Result)> WaitForEndAsync(DurableTaskTestHost host, string id)
    {
        var state = await PollAsync(host, id, s => s.IsCompleted);
        return (state, state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? state.ReadOutputAs<DocumentResult>() : null);
    }

    private static Task<OrchestrationMetadata> WaitForStatusAsync(DurableTaskTestHost host, string id, Func<PipelineStatus, bool> condition) =>
        PollAsync(host, id, s => s.SerializedCustomStatus is not null && s.ReadCustomStatusAs<PipelineStatus>() is { } status && condition(status));

    private static async Task<OrchestrationMetadata> PollAsync(DurableTaskTestHost host, string id, Func<OrchestrationMetadata, bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        OrchestrationMetadata? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline.Token);
            if (last is not null && condition(last))
            {
                return last;
            }

            if (last is { IsCompleted: true })
            {
                break;
            }

            await Task.Delay(20, deadline.Token);
        }

        throw new ShouldAssertException($"{id} never reached the expected state; last: {last?.RuntimeStatus} {last?.SerializedCustomStatus} {last?.FailureDetails}");
    }

    /// <summary>
    /// Canned activity outputs under the real activity names; every call is recorded with its input, and a step
    /// scripted to fail throws its exception on the first attempt only (a retry, if the policy makes one, succeeds).
    /// </summary>
    private sealed class ScriptedActivities
    {
        private readonly ConcurrentQueue<(string Name, object Input)> _calls = new();
        private readonly ConcurrentDictionary<string, Exception> _failures = new();

        public DocumentPlan Plan { get; set; } = new(
            WorkflowId: "happy",
            DocumentId: "doc-7",
            ResultBlob: "acme/happy.json",
            Claimed: true,
            ReviewThreshold: 0.7,
            ReviewEventName: "review",
            ReviewTimeout: TimeSpan.FromSeconds(1),
            ReviewDefaultLabel: "other",
            Labels: ["invoice", "contract", "other"],
            EmbeddingBatchSize: 4,
            Existing: null);

        public double Confidence { get; init; } = 0.95;

        public void Fail(string activity, Exception failure) => _failures[activity] = failure;

        public int Count(string activity) => _calls.Count(c => c.Name == activity);

        public IReadOnlyList<T> Inputs<T>(string activity) => [.. _calls.Where(c => c.Name == activity).Select(c => (T)c.Input)];

        public DurableTaskRegistry Register(DurableTaskRegistry registry)
        {
            var route = new ResolvedRoute(AiStep.Classify, "llm", ProviderKind.OpenAI, "m", IsCloud: false);
            return registry
                .AddActivityFunc<DocumentPipelineInput, DocumentPlan>(nameof(StartDocumentActivity), (_, i) => Step(nameof(StartDocumentActivity), i, () => Plan))
                .AddActivityFunc<DocumentPipelineInput, ExtractOutput>(nameof(ExtractTextActivity), (_, i) => Step(nameof(ExtractTextActivity), i, () =>
                    new ExtractOutput(DocumentKind.Pdf, 2, 0, "en", i.Confidential, Local("extract"))))
                .AddActivityFunc<ChunkInput, ChunkOutput>(nameof(ChunkTextActivity), (_, i) => Step(nameof(ChunkTextActivity), i, () =>
                    new ChunkOutput(5, (5 + i.EmbeddingBatchSize - 1) / i.EmbeddingBatchSize, Local("chunk"))))
                .AddActivityFunc<StepInput, SummarizeOutput>(nameof(SummarizeActivity), (_, i) => Step(nameof(SummarizeActivity), i, () =>
                    new SummarizeOutput("A short summary.", new StepRecord("summarize", "llm", "m", 1200, 80, 0.03m, Cached: false, 900))))
                .AddActivityFunc<StepInput, ClassifyOutput>(nameof(ClassifyActivity), (_, i) => Step(nameof(ClassifyActivity), i, () =>
                    new ClassifyOutput(
                        new ClassificationResult("invoice", Confidence, "Has a total.", route, new StepUsage("classify", "llm", "m", 600, 10, 1, 0.02m), 1),
                        new StepRecord("classify", "llm", "m", 600, 10, 0.02m, Cached: false, 700))))
                .AddActivityFunc<EmbedBatchInput, EmbedBatchOutput>(nameof(EmbedBatchActivity), (_, i) => Step(nameof(EmbedBatchActivity), i, () =>
                    new EmbedBatchOutput(i.Batch, 4, new StepRecord($"embed-{i.Batch}", "inference", "e", 40, 0, 0.001m, Cached: false, 50))))
                .AddActivityFunc<IndexInput, int>(nameof(IndexChunksActivity), (_, i) => Step(nameof(IndexChunksActivity), i, () => 5))
                .AddActivityFunc<PersistInput, string>(nameof(PersistResultActivity), (_, i) => Step(nameof(PersistResultActivity), i, () => $"results/{i.ResultBlob}"))
                .AddActivityFunc<ReleaseInput, bool>(nameof(ReleaseDocumentActivity), (_, i) => Step(nameof(ReleaseDocumentActivity), i, () => true))
                .AddActivityFunc<WorkflowUsage, bool>(nameof(RecordUsageActivity), (_, i) => Step(nameof(RecordUsageActivity), i, () => true))
                .AddActivityFunc<NotifyInput, int>(nameof(NotifyActivity), (_, i) => Step(nameof(NotifyActivity), i, () => 1));
        }

        private static StepRecord Local(string step) => new(step, null, null, 0, 0, 0m, Cached: false, 10);

        private T Step<TIn, T>(string name, TIn input, Func<T> output)
            where TIn : notnull
        {
            _calls.Enqueue((name, input));
            if (_failures.TryRemove(name, out var failure))
            {
                throw failure;
            }

            return output();
        }
    }
}
