namespace Serverless.Durable;

/// <summary>One page of query results.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Values">The items.</param>
/// <param name="ContinuationToken">Pass to the next query for the following page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Values, string? ContinuationToken);
