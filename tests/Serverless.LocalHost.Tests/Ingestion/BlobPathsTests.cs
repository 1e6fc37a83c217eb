using Serverless.App.Ingestion;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

public sealed class BlobPathsTests
{
    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("./a")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a\\..\\b")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u202Eexe.txt")]
    [InlineData(" a")]
    [InlineData("a.")]
    [InlineData("")]
    public void ValidateRelativePath_HostileName_IsRejected(string name) =>
        BlobPaths.ValidateRelativePath(name).ShouldNotBeNull();

    [Theory]
    [InlineData("invoice.pdf")]
    [InlineData("2026/11/scan 01.png")]
    [InlineData("résumé.txt")]
    [InlineData("a..b.txt")]
    public void ValidateRelativePath_OrdinaryName_IsAccepted(string name) =>
        BlobPaths.ValidateRelativePath(name).ShouldBeNull();

    [Fact]
    public void ValidateRelativePath_LongerThanLimit_IsRejected()
    {
        BlobPaths.ValidateRelativePath(new string('a', BlobPaths.MaxRelativeLength)).ShouldBeNull();
        BlobPaths.ValidateRelativePath(new string('a', BlobPaths.MaxRelativeLength + 1)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("dir/file.txt")]
    [InlineData("..")]
    [InlineData("x\ty")]
    public void ValidateFileName_PathOrControlCharacters_IsRejected(string name) =>
        BlobPaths.ValidateFileName(name).ShouldNotBeNull();

    [Theory]
    [InlineData("acme/in/a.txt", true, "acme", "in/a.txt")]
    [InlineData("acme-2/a.txt", true, "acme-2", "a.txt")]
    [InlineData("Acme/a.txt", false, "", "")]
    [InlineData("a.txt", false, "", "")]
    [InlineData("-acme/a.txt", false, "", "")]
    [InlineData("acme/../a.txt", false, "", "")]
    public void TryGetTenant_FirstSegmentIsTheTenant(string blobName, bool valid, string tenant, string relative)
    {
        BlobPaths.TryGetTenant(blobName, out var t, out var r).ShouldBe(valid);
        t.ShouldBe(tenant);
        r.ShouldBe(relative);
    }
}
