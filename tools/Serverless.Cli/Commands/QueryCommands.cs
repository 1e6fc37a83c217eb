using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Serverless.Cli.Commands;

/// <summary><c>search</c>, <c>usage</c> and <c>rejections</c>: read-only views of the tenant.</summary>
internal static class QueryCommands
{
    public static IEnumerable<Command> Create(Func<ParseResult, CliContext> context)
    {
        yield return Search(context);
        yield return Usage(context);
        yield return Rejections(context);
    }

    private static Command Search(Func<ParseResult, CliContext> context)
    {
        var query = new Argument<string>("query") { Description = "What to look for, in plain words." };
        var k = new Option<int>("-k") { Description = "How many hits.", DefaultValueFactory = _ => 5 };
        var command = new Command("search", "Search the tenant's documents.") { query, k };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            var hits = await cli.Api.GetAsync($"api/v1/search?q={Uri.EscapeDataString(parse.GetValue(query)!)}&k={parse.GetValue(k)}", ct);
            if (cli.Json)
            {
                cli.WriteJson(hits);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("score", "document", "page", "chunk", "text");
            foreach (var hit in hits.AsArray().OfType<JsonObject>())
            {
                var text = (string?)hit["text"] ?? "";
                table.AddRow(
                    ((double?)hit["score"] ?? 0).ToString("0.000", CultureInfo.InvariantCulture),
                    Markup.Escape((string?)hit["fileName"] ?? (string?)hit["documentId"] ?? ""),
                    Markup.Escape(hit["page"]?.ToString() ?? ""),
                    Markup.Escape(hit["chunk"]?.ToString() ?? hit["chunkIndex"]?.ToString() ?? ""),
                    Markup.Escape(text.Length > 70 ? text[..70] + "…" : text));
            }

            cli.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Usage(Func<ParseResult, CliContext> context)
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "Start of the range (ISO 8601; default: 30 days ago)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End of the range (ISO 8601; default: now)." };
        var command = new Command("usage", "Tokens and cost of the tenant's workflows, per model.") { from, to };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            var query = "api/v1/usage";
            var range = new List<string>();
            if (parse.GetValue(from) is { } f)
            {
                range.Add("from=" + Uri.EscapeDataString(f.ToString("O", CultureInfo.InvariantCulture)));
            }

            if (parse.GetValue(to) is { } t)
            {
                range.Add("to=" + Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture)));
            }

            var usage = await cli.Api.GetAsync(range.Count > 0 ? query + "?" + string.Join('&', range) : query, ct);
            if (cli.Json)
            {
                cli.WriteJson(usage);
                return ExitCodes.Ok;
            }

            var total = usage["total"];
            cli.Console.MarkupLineInterpolated(
                $"{(long?)usage["workflows"] ?? 0} workflows ({(long?)usage["completed"] ?? 0} completed, {(long?)usage["failed"] ?? 0} failed): {(long?)total?["inputTokens"] ?? 0} tokens in, {(long?)total?["outputTokens"] ?? 0} out, ${((decimal?)total?["cost"] ?? 0m).ToString("0.000000", CultureInfo.InvariantCulture)}");
            var table = new Table().AddColumns("model", "tokens in", "tokens out", "cost");
            foreach (var (model, totals) in usage["byModel"] as JsonObject ?? [])
            {
                table.AddRow(Markup.Escape(model),
                    ((long?)totals?["inputTokens"] ?? 0).ToString(CultureInfo.InvariantCulture),
                    ((long?)totals?["outputTokens"] ?? 0).ToString(CultureInfo.InvariantCulture),
                    "$" + ((decimal?)totals?["cost"] ?? 0m).ToString("0.000000", CultureInfo.InvariantCulture));
            }

            cli.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rejections(Func<ParseResult, CliContext> context)
    {
        var top = new Option<int>("--top") { Description = "How many rejections.", DefaultValueFactory = _ => 50 };
        var command = new Command("rejections", "Refused drops, ERP events and uploads of the tenant, with their reasons.") { top };
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            var page = await cli.Api.GetAsync($"api/v1/rejections?top={parse.GetValue(top)}", ct);
            if (cli.Json)
            {
                cli.WriteJson(page);
                return ExitCodes.Ok;
            }

            var items = page as JsonArray ?? page["items"] as JsonArray ?? [];
            var table = new Table().AddColumns("time", "entry", "name", "reason", "message");
            foreach (var item in items.OfType<JsonObject>())
            {
                table.AddRow(Markup.Escape((string?)item["time"] ?? ""), Markup.Escape((string?)item["entry"] ?? ""), Markup.Escape((string?)item["name"] ?? ""),
                    Markup.Escape((string?)item["code"] ?? (string?)item["reason"] ?? ""), Markup.Escape((string?)item["message"] ?? ""));
            }

            cli.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
