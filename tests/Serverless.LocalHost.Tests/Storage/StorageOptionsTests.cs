using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Serverless.App.Storage;
using Shouldly;

namespace Serverless.LocalHost.Tests.Storage;

/// <summary>The app reads AzureWebJobsStorage the way the Functions host does: a connection string, or an identity-based connection.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void Read_ConnectionString_UsesIt()
    {
        var options = Read(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        options.UsesConnectionString.ShouldBeTrue();
        Errors(options).ShouldBeEmpty();
    }

    [Fact]
    public void Read_AccountName_IdentityBasedWithThePublicCloudEndpoints()
    {
        var options = Read(new() { ["AzureWebJobsStorage:accountName"] = "docsprod", ["AzureWebJobsStorage:credential"] = "managedidentity" });

        options.UsesConnectionString.ShouldBeFalse();
        options.BlobEndpoint().ShouldBe(new Uri("https://docsprod.blob.core.windows.net"));
        options.QueueEndpoint().ShouldBe(new Uri("https://docsprod.queue.core.windows.net"));
        options.TableEndpoint().ShouldBe(new Uri("https://docsprod.table.core.windows.net"));
        Errors(options).ShouldBeEmpty();
    }

    [Fact]
    public void Read_ServiceUris_WinOverTheAccountName()
    {
        var options = Read(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://b.example/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://q.example/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://t.example/",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        options.BlobEndpoint().ShouldBe(new Uri("https://b.example/"));
        options.TableEndpoint().ShouldBe(new Uri("https://t.example/"));
        options.ClientId.ShouldBe("00000000-0000-0000-0000-000000000001");
        Errors(options).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_NeitherForm_FailsNamingBothSettings()
    {
        var error = Errors(Read(new() { ["AzureWebJobsStorage:blobServiceUri"] = "https://b.example/" })).ShouldHaveSingleItem();

        error.ShouldContain("AzureWebJobsStorage");
        error.ShouldContain("AzureWebJobsStorage__accountName");
    }

    private static StorageOptions Read(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new StorageOptions();
        StorageServiceCollectionExtensions.Read(configuration.GetSection(StorageOptions.ConnectionSettingName), options);
        return options;
    }

    private static List<string> Errors(StorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
