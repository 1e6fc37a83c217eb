using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Serverless.Cli.Commands;

/// <summary><c>submit FILES|FOLDER…</c>: uploads each file, follows every workflow with a progress bar, prints a result table.</summary>
internal static class SubmitCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, or folders whose files are all submitted.", Arity = ArgumentArity.OneOrMore };
        var confidential = new Option<bool>("--confidential") { Description = "Route every step to the in-house provider (the document never reaches a cloud model)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Start the workflows and print their ids without waiting." };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for all workflows.", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var command = new Command("submit", "Submit documents and follow their workflows to the end.") { paths, confidential, noWait, timeout };
        command.SetAction((parse, ct) => RunAsync(context(parse), Files(parse.GetValue(paths)!), parse.GetValue(confidential), parse.GetValue(noWait), parse.GetValue(timeout), ct));
        return command;
    }

    private static List<string> Files(string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"'{path}' is neither a file nor a folder.");
            }
        }

        return files.Count > 0 ? files : throw new UsageException("no files to submit.");
    }

    private static async Task<int> RunAsync(CliContext cli, List<string> files, bool confidential, bool noWait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = new List<(string File, string Id)>();
        var rejected = new List<(string File, string Reason)>();
        foreach (var file in files)
        {
            try
            {
                var answer = await cli.Api.UploadAsync(file, instanceId: null, confidential, cancellationToken);
                started.Add((file, (string?)answer["id"] ?? throw new ApiException(null, "the API answered without an instance id")));
            }
            catch (ApiException e) when (e.Status is not null and not System.Net.HttpStatusCode.Unauthorized)
            {
                rejected.Add((file, e.Message));
            }
        }

        if (noWait)
        {
            return Report(cli, started.Select(s => (s.File, s.Id, (WorkflowView?)null)).ToList(), rejected, timedOut: false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var views = new Dictionary<string, WorkflowView>();
        var timedOut = false;
        try
        {
            if (cli.Json)
            {
                await FollowAsync(cli, started, views, _ => { }, deadline.Token);
            }
            else
            {
                await cli.Console.Progress()
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var tasks = started.ToDictionary(s => s.Id, s => progress.AddTask(Markup.Escape(Path.GetFileName(s.File)), maxValue: 100));
                        await FollowAsync(cli, started, views, view =>
                        {
                            var task = tasks[view.Id];
                            task.Description = Markup.Escape($"{Path.GetFileName(started.First(s => s.Id == view.Id).File)}  {(view.IsTerminal ? view.Status : view.WaitingFor is { } w ? "waiting for " + w : view.Step)}");
                            task.Value = view.Progress * 100;
                        }, deadline.Token);
                    });
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }

        return Report(cli, started.Select(s => (s.File, s.Id, views.GetValueOrDefault(s.Id))).ToList(), rejected, timedOut);
    }

    /// <summary>One list call a poll (a polling client must not spend the key's rate limit); ids the page lacks are asked one by one.</summary>
    private static async Task FollowAsync(CliContext cli, List<(string File, string Id)> started, Dictionary<string, WorkflowView> views, Action<WorkflowView> update, CancellationToken cancellationToken)
    {
        var ids = started.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        while (ids.Any(id => !views.TryGetValue(id, out var v) || !v.IsTerminal))
        {
            var page = await cli.Api.ListAsync(null, null, 1000, cancellationToken);
            foreach (var item in page.OfType<JsonObject>().Select(WorkflowView.From).Where(v => ids.Contains(v.Id)))
            {
                views[item.Id] = item;
                update(item);
            }

            foreach (var missing in ids.Where(id => !views.ContainsKey(id)).ToList())
            {
                var view = WorkflowView.From(await cli.Api.StatusAsync(missing, cancellationToken));
                views[missing] = view;
                update(view);
            }

            if (ids.Any(id => !views[id].IsTerminal))
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    private static int Report(CliContext cli, List<(string File, string Id, WorkflowView? View)> rows, List<(string File, string Reason)> rejected, bool timedOut)
    {
        if (cli.Json)
        {
            var array = new JsonArray();
            foreach (var (file, id, view) in rows)
            {
                var item = view?.ToJson() ?? new JsonObject { ["id"] = id, ["status"] = "Started" };
                item["file"] = file;
                array.Add(item);
            }

            foreach (var (file, reason) in rejected)
            {
                array.Add(new JsonObject { ["file"] = file, ["status"] = "Rejected", ["error"] = reason });
            }

            cli.WriteJson(new JsonObject { ["documents"] = array, ["timedOut"] = timedOut });
        }
        else
        {
            var table = new Table().AddColumns("document", "status", "label", "conf", "tokens", "cost", "duration", "workflow");
            foreach (var (file, id, view) in rows)
            {
                table.AddRow(
                    Markup.Escape(Path.GetFileName(file)),
                    StatusMarkup(view?.Status ?? "Started"),
                    Markup.Escape(view?.Label ?? view?.Error ?? ""),
                    view?.Confidence?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                    view?.Tokens.ToString(CultureInfo.InvariantCulture) ?? "",
                    view is null ? "" : "$" + view.Cost.ToString("0.000000", CultureInfo.InvariantCulture),
                    view is null ? "" : $"{view.Duration.TotalSeconds:0} s",
                    Markup.Escape(id));
            }

            foreach (var (file, reason) in rejected)
            {
                table.AddRow(Markup.Escape(Path.GetFileName(file)), "[red]Rejected[/]", Markup.Escape(reason), "", "", "", "", "");
            }

            cli.Console.Write(table);
            if (timedOut)
            {
                cli.Console.MarkupLine("[yellow]timed out waiting; the workflows go on (serverless status ID)[/]");
            }
        }

        return timedOut ? ExitCodes.Timeout
            : rejected.Count > 0 || rows.Any(r => r.View?.IsFailed == true) ? ExitCodes.WorkflowFailed
            : ExitCodes.Ok;
    }

    internal static string StatusMarkup(string status) => status switch
    {
        "Completed" => "[green]Completed[/]",
        "Failed" or "Terminated" => $"[red]{status}[/]",
        _ => $"[yellow]{Markup.Escape(status)}[/]",
    };
}
