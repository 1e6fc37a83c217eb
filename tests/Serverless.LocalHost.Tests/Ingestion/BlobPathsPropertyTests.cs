using CsCheck;
using Serverless.App.Ingestion;
using Shouldly;

namespace Serverless.LocalHost.Tests.Ingestion;

/// <summary>G12: whatever name is accepted, the blob path it makes stays inside the tenant's folder.</summary>
public sealed class BlobPathsPropertyTests
{
    private static readonly Gen<string> Names = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["./\\a%\u0000\u202E \n"], 0, 12],
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 5].Array[1, 4], Gen.Int[0, 3], (parts, kind) =>
            string.Join(kind switch { 0 => "/", 1 => "/../", 2 => "\\", _ => "/./" }, parts)));

    [Fact]
    public void AcceptedRelativePath_StaysBelowTenantFolder() =>
        Names.Sample(name =>
        {
            if (BlobPaths.ValidateRelativePath(name) is not null)
            {
                return;
            }

            var full = "acme/" + name;
            full.Split('/').ShouldNotContain(s => s == ".." || s == "." || s.Length == 0);
            full.ShouldNotContain('\\');
            full.ShouldAllBe(c => !char.IsControl(c));
            BlobPaths.TryGetTenant(full, out var tenant, out var relative).ShouldBeTrue();
            tenant.ShouldBe("acme");
            relative.ShouldBe(name);
        });

    [Fact]
    public void AcceptedFileName_IsOneSafeSegment() =>
        Names.Sample(name =>
        {
            if (BlobPaths.ValidateFileName(name) is null)
            {
                name.ShouldNotContain('/');
                BlobPaths.ValidateRelativePath(name).ShouldBeNull();
            }
        });
}
