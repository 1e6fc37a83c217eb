using System.Numerics.Tensors;

namespace Serverless.Inference.Classification;

/// <summary>
/// Multinomial logistic regression with an L2 penalty, trained by full-batch gradient descent on a few dozen
/// weighted points (a taxonomy's description sentences and examples). Small enough to train per request:
/// labels x points x dimensions x steps is a few million multiply-adds.
/// </summary>
internal sealed class SoftmaxRegression
{
    private const int Steps = 200;

    private readonly float[][] _weights;
    private readonly float[] _bias;
    private readonly float[] _mean;

    private SoftmaxRegression(float[][] weights, float[] bias, float[] mean)
    {
        _weights = weights;
        _bias = bias;
        _mean = mean;
    }

    public static SoftmaxRegression Train(IReadOnlyList<(float[] Vector, int Label, double Weight)> points, int labels, double regularization)
    {
        var dimensions = points[0].Vector.Length;
        // Arctic vectors of business text share a large common component; centring on the points' mean leaves what tells labels apart.
        var total = (float)points.Sum(p => p.Weight);
        var mean = new float[dimensions];
        foreach (var point in points)
        {
            TensorPrimitives.MultiplyAdd(point.Vector, (float)point.Weight / total, mean, mean);
        }

        points = [.. points.Select(p => (Subtract(p.Vector, mean), p.Label, p.Weight))];
        var weights = Enumerable.Range(0, labels).Select(_ => new float[dimensions]).ToArray();
        var bias = new float[labels];
        var gradients = Enumerable.Range(0, labels).Select(_ => new float[dimensions]).ToArray();
        var gradientBias = new float[labels];
        var model = new SoftmaxRegression(weights, bias, new float[dimensions]);
        // Gradient descent on the penalised loss stays stable while rate x penalty is well below 2.
        var learningRate = (float)(1 / (0.5 + regularization));
        var probabilities = new double[labels];
        for (var step = 0; step < Steps; step++)
        {
            foreach (var g in gradients)
            {
                Array.Clear(g);
            }

            Array.Clear(gradientBias);
            foreach (var (vector, label, weight) in points)
            {
                model.Scores(vector, probabilities);
                for (var k = 0; k < labels; k++)
                {
                    var error = (float)((probabilities[k] - (k == label ? 1 : 0)) * weight / total);
                    TensorPrimitives.MultiplyAdd(vector, error, gradients[k], gradients[k]);
                    gradientBias[k] += error;
                }
            }

            for (var k = 0; k < labels; k++)
            {
                TensorPrimitives.MultiplyAdd(weights[k], (float)regularization, gradients[k], gradients[k]);
                TensorPrimitives.MultiplyAdd(gradients[k], -learningRate, weights[k], weights[k]);
                bias[k] -= learningRate * gradientBias[k];
            }
        }

        return new SoftmaxRegression(weights, bias, mean);
    }

    public double[] Predict(float[] vector)
    {
        var probabilities = new double[_bias.Length];
        Scores(Subtract(vector, _mean), probabilities);
        return probabilities;
    }

    private static float[] Subtract(float[] a, float[] b)
    {
        var result = new float[a.Length];
        TensorPrimitives.Subtract(a, b, result);
        return result;
    }

    private void Scores(float[] vector, double[] probabilities)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < _bias.Length; k++)
        {
            probabilities[k] = TensorPrimitives.Dot(_weights[k], vector) + _bias[k];
            max = Math.Max(max, probabilities[k]);
        }

        var sum = 0.0;
        for (var k = 0; k < _bias.Length; k++)
        {
            probabilities[k] = Math.Exp(probabilities[k] - max);
            sum += probabilities[k];
        }

        for (var k = 0; k < _bias.Length; k++)
        {
            probabilities[k] /= sum;
        }
    }
}
