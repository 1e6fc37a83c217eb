using Serverless.Cli.Tests;
using Serverless.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(CliInferenceApp))]
