namespace Serverless.Inference.Ocr;

internal static class ModelFolder
{
    /// <summary>An absolute folder as given; a relative one is looked for from the content root and each folder above it.</summary>
    public static string? Resolve(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
