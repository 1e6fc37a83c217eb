using Serverless.Inference.Tests.Support;

[assembly: AssemblyFixture(typeof(SharedInferenceApp))]
