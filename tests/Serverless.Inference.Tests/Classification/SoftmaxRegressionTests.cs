using Serverless.Inference.Classification;
using Shouldly;

namespace Serverless.Inference.Tests.Classification;

public sealed class SoftmaxRegressionTests
{
    [Fact]
    public void Train_PointsAroundThreeDirections_PredictsTheDirectionOfANewPoint()
    {
        var random = new Random(1);
        float[] Near(int axis) => [.. Enumerable.Range(0, 8).Select(d => (d == axis ? 1f : 0f) + ((float)random.NextDouble() * 0.3f))];
        var points = Enumerable.Range(0, 30).Select(i => (Near(i % 3), i % 3, 1.0)).ToList();

        var model = SoftmaxRegression.Train(points, 3, 0.01);

        for (var axis = 0; axis < 3; axis++)
        {
            var probabilities = model.Predict(Near(axis));
            probabilities.Sum().ShouldBe(1.0, 1e-9);
            Array.IndexOf(probabilities, probabilities.Max()).ShouldBe(axis);
        }
    }

    [Fact]
    public void Train_StrongerPenalty_LessConfident()
    {
        float[][] vectors = [[1f, 0f], [0f, 1f]];
        var points = vectors.Select((v, i) => (v, i, 1.0)).ToList();

        var loose = SoftmaxRegression.Train(points, 2, 0.001).Predict([1f, 0f]);
        var tight = SoftmaxRegression.Train(points, 2, 1.0).Predict([1f, 0f]);

        loose[0].ShouldBeGreaterThan(tight[0]);
        tight[0].ShouldBeGreaterThan(0.5);
    }
}
