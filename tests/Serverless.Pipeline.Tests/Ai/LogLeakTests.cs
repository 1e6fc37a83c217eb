using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Ai;
using Serverless.Pipeline.Extraction;
using Serverless.Pipeline.Tests.Support;
using Serverless.Samples;
using Shouldly;

namespace Serverless.Pipeline.Tests.Ai;

/// <summary>G15: document text, model answers and keys never reach the logs, on success or failure paths.</summary>
public sealed class LogLeakTests : ScriptedServerTest
{
    private const string Canary = "CANARY7f3a9";


    [Fact]
    public async Task Pipeline_CanaryInDocumentAnswerAndKey_NeverLogged()
    {
        var logs = new CollectingLoggerProvider();
        var settings = TestPipeline.Settings(Server);
        settings["Pipeline:Providers:llm:ApiKey"] = "key-" + Canary;
        await using var services = TestPipeline.Build(settings, s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var ct = TestContext.Current.CancellationToken;
        Server.Enqueue(ScriptedReply.Chat($"not json {Canary}"), ScriptedReply.Chat($$"""{"label":"{{Canary}}","confidence":0.5,"rationale":"x"}"""));

        var extracted = await services.GetRequiredService<IDocumentExtractor>().ExtractAsync(SampleDocuments.TextPdf([[$"Invoice {Canary} total due"]]), "canary.pdf", ct);
        await services.GetRequiredService<AiStepFactory>().Classifier(false).ClassifyAsync(extracted.FullText, ct);
        await Should.ThrowAsync<DocumentRejectedException>(() => services.GetRequiredService<IDocumentExtractor>().ExtractAsync(System.Text.Encoding.UTF8.GetBytes($"{Canary}\0"), $"{Canary}.txt", ct));

        logs.Lines.ShouldContain(l => l.Contains("[1001]", StringComparison.Ordinal));
        logs.Lines.Count(l => l.Contains("[2001]", StringComparison.Ordinal)).ShouldBe(2);
        logs.Lines.ShouldContain(l => l.Contains("[1002]", StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(l => l.Contains(Canary, StringComparison.OrdinalIgnoreCase));
    }
}
