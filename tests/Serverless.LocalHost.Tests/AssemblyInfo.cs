using Serverless.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
