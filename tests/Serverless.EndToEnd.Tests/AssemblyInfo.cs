using Serverless.EndToEnd.Tests.Support;
using Serverless.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(SharedInferenceApp))]
