using Microsoft.Extensions.DependencyInjection;
using Serverless.Testing;
using Shouldly;

namespace Serverless.Durable.Tests;

/// <summary>Functions mode: no built-in worker; a queue trigger hands each message to <see cref="IDurableMessageHandler"/>.</summary>
public sealed class MessageHandlerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HandleAsync_DrivenLikeAQueueTrigger_CompletesTheOrchestration()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DurableTestHost.StartAsync(azurite, TestWorkflows.Register, o => o.StartWorker = false);
        var handler = host.Services.GetRequiredService<IDurableMessageHandler>();
        var options = host.Hub.Options;
        string[] names = ["f1", "f2"];
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", names, cancellation: ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));

        while ((await host.Client.GetInstanceAsync(id, cancellation: cts.Token))!.IsRunning)
        {
            foreach (var queue in new[] { host.Hub.Control, host.Hub.WorkItems })
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cts.Token)).Value)
                {
                    await handler.HandleAsync(queue.Name, message.MessageText, message.DequeueCount, cts.Token);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cts.Token);
                }
            }

            await Task.Delay(20, cts.Token);
        }

        options.QueueNames.ShouldBe([options.OrchestrationQueueName, options.ActivityQueueName]);
        (await host.WaitAsync(id)).ReadOutputAs<List<string>>().ShouldBe(["Hello f1!", "Hello f2!"]);
        await Should.ThrowAsync<ArgumentException>(() => handler.HandleAsync("other-queue", "{}", 1, ct));
    }
}
