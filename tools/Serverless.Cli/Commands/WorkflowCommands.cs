using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Serverless.Cli.Commands;

/// <summary><c>status</c>, <c>watch</c>, <c>review</c> and <c>retry</c>: following and acting on workflows.</summary>
internal static class WorkflowCommands
{
    /// <summary>The event a review decision raises (Pipeline:Workflow:ReviewEventName's default).</summary>
    private const string ReviewEvent = "ReviewDecision";

    public static IEnumerable<Command> Create(Func<ParseResult, CliContext> context)
    {
        yield return Status(context);
        yield return Watch(context);
        yield return Review(context);
        yield return Retry(context);
    }

    private static Command Status(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "The workflow (instance) id." };
        var command = new Command("status", "Show one workflow: status, step, label, tokens, cost; exit code 1 when it failed.") { id };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            var status = await cli.Api.StatusAsync(parse.GetValue(id)!, ct);
            var view = WorkflowView.From(status);
            if (cli.Json)
            {
                cli.WriteJson(status);
            }
            else
            {
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("workflow", Markup.Escape(view.Id));
                grid.AddRow("document", Markup.Escape(view.FileName ?? ""));
                grid.AddRow("status", SubmitCommand.StatusMarkup(view.Status));
                grid.AddRow("step", Markup.Escape(view.WaitingFor is { } w ? $"waiting for {w}" : view.Step ?? ""));
                grid.AddRow("label", Markup.Escape(view.Label is null ? "" : $"{view.Label} ({view.Confidence:0.00})"));
                grid.AddRow("tokens / cost", $"{view.Tokens} / ${view.Cost.ToString("0.000000", CultureInfo.InvariantCulture)}");
                grid.AddRow("duration", $"{view.Duration.TotalSeconds:0.0} s");
                if (view.Error is { } error)
                {
                    grid.AddRow("error", $"[red]{Markup.Escape(error)}[/]");
                }

                cli.Console.Write(grid);
            }

            return view.IsFailed ? ExitCodes.WorkflowFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Watch(Func<ParseResult, CliContext> context)
    {
        var interval = new Option<TimeSpan>("--interval") { Description = "Refresh interval.", DefaultValueFactory = _ => TimeSpan.FromSeconds(2) };
        var count = new Option<int?>("--count") { Description = "Stop after this many refreshes (default: until Ctrl-C)." };
        var top = new Option<int>("--top") { Description = "How many workflows to show.", DefaultValueFactory = _ => 20 };
        var command = new Command("watch", "A live table of the tenant's workflows.") { interval, count, top };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            var refreshes = parse.GetValue(count);
            if (cli.Json)
            {
                cli.WriteJson(new JsonArray([.. (await Recent(cli, parse.GetValue(top), ct)).Select(v => (JsonNode)v.ToJson())]));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("workflow", "document", "status", "step", "label", "cost", "updated");
            await cli.Console.Live(table).StartAsync(async live =>
            {
                for (var i = 0; refreshes is null || i < refreshes; i++)
                {
                    table.Rows.Clear();
                    foreach (var view in await Recent(cli, parse.GetValue(top), ct))
                    {
                        table.AddRow(Markup.Escape(view.Id), Markup.Escape(view.FileName ?? ""), SubmitCommand.StatusMarkup(view.Status),
                            Markup.Escape(view.WaitingFor is { } w ? "waiting for " + w : view.Step ?? ""), Markup.Escape(view.Label ?? ""),
                            "$" + view.Cost.ToString("0.000000", CultureInfo.InvariantCulture), $"{view.Duration.TotalSeconds:0} s");
                    }

                    live.Refresh();
                    if (refreshes is null || i + 1 < refreshes)
                    {
                        await Task.Delay(parse.GetValue(interval), ct);
                    }
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Review(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string?>("id") { Description = "The workflow to decide; without it, list the workflows waiting for a review.", Arity = ArgumentArity.ZeroOrOne };
        var label = new Option<string?>("--label") { Description = "The label the reviewer decides." };
        var reviewer = new Option<string?>("--reviewer") { Description = "Who decided (recorded in the result's rationale)." };
        var command = new Command("review", "List the workflows waiting for a human decision, or decide one (raises the review event).") { id, label, reviewer };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            if (parse.GetValue(id) is not { } instance)
            {
                var waiting = (await Recent(cli, 1000, ct, "Running")).Where(v => v.WaitingFor == ReviewEvent).ToList();
                if (cli.Json)
                {
                    cli.WriteJson(new JsonArray([.. waiting.Select(v => (JsonNode)v.ToJson())]));
                }
                else
                {
                    var table = new Table().AddColumns("workflow", "document", "waiting for");
                    waiting.ForEach(v => table.AddRow(Markup.Escape(v.Id), Markup.Escape(v.FileName ?? ""), Markup.Escape(v.WaitingFor ?? "")));
                    cli.Console.Write(table);
                }

                return ExitCodes.Ok;
            }

            var decided = parse.GetValue(label) ?? throw new UsageException("--label is required to decide a review.");
            await cli.Api.RaiseEventAsync(instance, ReviewEvent, new JsonObject { ["label"] = decided, ["reviewer"] = parse.GetValue(reviewer) }, ct);
            if (cli.Json)
            {
                cli.WriteJson(new JsonObject { ["id"] = instance, ["label"] = decided, ["raised"] = ReviewEvent });
            }
            else
            {
                cli.Console.MarkupLineInterpolated($"review decided: {instance} -> {decided}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry(Func<ParseResult, CliContext> context)
    {
        var failed = new Option<bool>("--failed") { Description = "Restart the tenant's failed workflows (required: retrying is explicit)." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only workflows created at or after this time (ISO 8601)." };
        var command = new Command("retry", "Restart failed workflows; steps that had succeeded come from the step cache and are not billed again.") { failed, since };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            if (!parse.GetValue(failed))
            {
                throw new UsageException("say which workflows: --failed.");
            }

            var results = new JsonArray();
            var code = ExitCodes.Ok;
            foreach (var view in await Recent(cli, 1000, ct, "Failed", parse.GetValue(since)))
            {
                try
                {
                    var answer = await cli.Api.RestartAsync(view.Id, ct);
                    results.Add(new JsonObject { ["id"] = view.Id, ["restarted"] = true, ["newId"] = (string?)answer?["id"] ?? view.Id });
                }
                catch (ApiException e)
                {
                    results.Add(new JsonObject { ["id"] = view.Id, ["restarted"] = false, ["error"] = e.Message });
                    code = ExitCodes.WorkflowFailed;
                }
            }

            if (cli.Json)
            {
                cli.WriteJson(results);
            }
            else
            {
                cli.Console.MarkupLineInterpolated($"{results.Count} failed workflow(s): {results.Count(r => (bool)r!["restarted"]!)} restarted");
                foreach (var r in results)
                {
                    cli.Console.MarkupLineInterpolated($"  {(string?)r!["id"]}: {((bool)r["restarted"]! ? "restarted" : (string?)r["error"])}");
                }
            }

            return code;
        });
        return command;
    }

    private static async Task<List<WorkflowView>> Recent(CliContext cli, int top, CancellationToken ct, string? status = null, DateTimeOffset? since = null) =>
        [.. (await cli.Api.ListAsync(status, since, top, ct)).OfType<JsonObject>().Select(WorkflowView.From)
            .OrderByDescending(v => v.Id, StringComparer.Ordinal)];
}
