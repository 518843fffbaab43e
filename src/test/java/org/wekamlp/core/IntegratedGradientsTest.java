package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Integrated gradients: the input gradient of one output, computed for all rows at once, against central finite
 * differences for every hidden activation and both output layers; completeness (the attributions add up to
 * F(x) - F(b)) on random networks; and the exact attributions of a linear model, {@code w_i (x_i - b_i)}.
 */
class IntegratedGradientsTest {

  private static Network network(Activation activation, int outputs, long seed) {
    OutputLayer output = outputs == 1 ? OutputLayer.IDENTITY_SQUARED_ERROR : OutputLayer.SOFTMAX_CROSS_ENTROPY;
    Network network = new Network(new int[] {5, 7, 4, outputs}, activation, output);
    network.initialize(new Random(seed));
    return network;
  }

  private static double[] gaussian(int n, Random random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static double outputAt(Network network, double[] x, int k) {
    DMatrixRMaj out = new DMatrixRMaj(1, network.numOutputs());
    network.predict(DMatrixRMaj.wrap(1, x.length, x.clone()), out);
    return out.data[k];
  }

  @ParameterizedTest
  @CsvSource({"relu, 1", "relu, 3", "tanh, 1", "tanh, 3", "logistic, 2", "identity, 3", "identity, 1"})
  void inputGradientsMatchFiniteDifferences(String activation, int outputs) {
    Network network = network(Activation.valueOf(activation.toUpperCase()), outputs, 11);
    Random random = new Random(5);
    int rows = 6;
    DMatrixRMaj inputs = DMatrixRMaj.wrap(rows, 5, gaussian(rows * 5, random));
    int k = outputs - 1;
    DMatrixRMaj outputsSeen = new DMatrixRMaj(1, 1);
    DMatrixRMaj gradients = IntegratedGradients.gradients(network, inputs, k, outputsSeen);
    assertEquals(rows, outputsSeen.numRows);
    double h = 1e-6;
    for (int r = 0; r < rows; r++) {
      double[] x = new double[5];
      System.arraycopy(inputs.data, r * 5, x, 0, 5);
      assertEquals(outputAt(network, x, k), outputsSeen.get(r, k), 1e-12);
      for (int i = 0; i < 5; i++) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[i] += h;
        minus[i] -= h;
        double numeric = (outputAt(network, plus, k) - outputAt(network, minus, k)) / (2 * h);
        assertEquals(numeric, gradients.get(r, i), 1e-6 * Math.max(1.0, Math.abs(numeric)), activation + " row " + r
          + " input " + i);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"relu, 1", "relu, 3", "tanh, 3", "logistic, 1"})
  void attributionsAddUpToTheOutputDifference(String activation, int outputs) {
    Network network = network(Activation.valueOf(activation.toUpperCase()), outputs, 3);
    Random random = new Random(9);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = gaussian(5, random);
      double[] b = gaussian(5, random);
      IntegratedGradients.Result result = IntegratedGradients.attribute(network, x, b, outputs - 1, 400);
      assertEquals(outputAt(network, x, outputs - 1), result.output(), 1e-12);
      assertEquals(outputAt(network, b, outputs - 1), result.baselineOutput(), 1e-12);
      double difference = Math.abs(result.output() - result.baselineOutput());
      assertTrue(result.completenessError() <= 0.01 * difference + 1e-9, activation + ": error " + result
        .completenessError() + " of " + difference);
      assertEquals(400, result.steps());
    }
  }

  @Test
  void aLinearModelGetsWeightTimesDifference() {
    Network network = new Network(new int[] {3, 1}, Activation.IDENTITY, OutputLayer.IDENTITY_SQUARED_ERROR);
    network.weights(0).data[0] = 2.0;
    network.weights(0).data[1] = -1.0;
    network.weights(0).data[2] = 0.5;
    network.biases(0).data[0] = 4.0;
    IntegratedGradients.Result result = IntegratedGradients.attribute(network, new double[] {1, 2, 3},
      new double[] {0, 1, -1}, 0, 1);
    assertArrayEquals(new double[] {2.0, -1.0, 2.0}, result.attributions(), 1e-12);
    assertEquals(0.0, result.completenessError(), 1e-12);
  }

  @Test
  void badArgumentsAreNamed() {
    Network network = network(Activation.RELU, 3, 1);
    double[] five = new double[5];
    assertEquals("Output index 3 out of range: the network has 3 outputs.", assertThrows(
      IllegalArgumentException.class, () -> IntegratedGradients.attribute(network, five, five, 3, 10)).getMessage());
    assertEquals("The input has 4 and the baseline 5 values, the network 5 inputs.", assertThrows(
      IllegalArgumentException.class, () -> IntegratedGradients.attribute(network, new double[4], five, 0, 10))
      .getMessage());
    assertEquals("Invalid number of steps 0: must be at least 1.", assertThrows(IllegalArgumentException.class,
      () -> IntegratedGradients.attribute(network, five, five, 0, 0)).getMessage());
  }
}
