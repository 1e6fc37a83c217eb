namespace Serverless.Inference.Serving;

internal sealed record RequestKeyList(IReadOnlyList<RequestKeyCount> Keys);
