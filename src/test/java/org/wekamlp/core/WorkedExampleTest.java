package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.optim.LearningRateSchedule;

/**
 * One sgd step on a 3-2-1 network, small enough to follow with pencil and paper.
 *
 * <pre>
 * x = [1, 2, 3], y = 1, relu hidden layer, identity output, squared error, alpha 0, rate 0.1, momentum 0
 * W1 = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], b1 = [0.01, -0.02], W2 = [[0.7], [-0.8]], b2 = [0.05]
 * z1 = x W1 + b1 = [-0.79, 2.38]           a1 = relu(z1) = [0, 2.38]
 * out = a1 W2 + b2 = -1.854                loss = 0.5 (out - y)^2 = 0.5 * 2.854^2 = 4.072658
 * d2 = out - y = -2.854                    dW2 = a1^T d2 = [0, -6.79252], db2 = -2.854
 * d1 = (d2 W2^T) * relu'(z1) = [0, 2.2832]  dW1 = x^T d1 = [[0, 2.2832], [0, 4.5664], [0, 6.8496]], db1 = d1
 * new = old - 0.1 * gradient
 * </pre>
 */
class WorkedExampleTest {

  @Test
  void oneSgdStepOnA321Network() {
    Network network = new Network(new int[] {3, 2, 1}, Activation.RELU, OutputLayer.IDENTITY_SQUARED_ERROR);
    DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2, 3}});
    DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}});
    TrainingData data = new TrainingData(x, y, new double[] {1.0}, null);
    TrainingConfig config = new TrainingConfig();
    config.solver = Solver.SGD;
    config.learningRateInit = 0.1;
    config.learningRateSchedule = LearningRateSchedule.CONSTANT;
    config.momentum = 0.0;
    config.alpha = 0.0;
    config.miniBatchSize = 1;
    config.maxIterations = 1;
    config.shuffle = false;
    config.numThreads = 1;
    try (TrainingRun run = new TrainingRun(network, data, config, Backends.ejml(), null)) {
      // replace the random initial weights by the hand-picked ones
      System.arraycopy(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, 0, network.weights(0).data, 0, 6);
      System.arraycopy(new double[] {0.01, -0.02}, 0, network.biases(0).data, 0, 2);
      System.arraycopy(new double[] {0.7, -0.8}, 0, network.weights(1).data, 0, 2);
      network.biases(1).data[0] = 0.05;

      run.nextEpoch();

      assertEquals(4.072658, run.history().finalLoss(), 1e-9);
      assertArrayEquals(new double[] {0.1, -0.42832, 0.3, -0.05664, -0.5, -0.08496}, network.weights(0).data, 1e-9);
      assertArrayEquals(new double[] {0.01, -0.24832}, network.biases(0).data, 1e-9);
      assertArrayEquals(new double[] {0.7, -0.120748}, network.weights(1).data, 1e-9);
      assertArrayEquals(new double[] {0.3354}, network.biases(1).data, 1e-9);
      assertEquals(StopReason.MAX_ITERATIONS, run.history().stopReason());
    }
  }
}
