package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.Utils;

/**
 * The encoding split into raw values and an affine map ({@link InstancesEncoder.RawInputs}), and the batch prediction
 * that reads instances that way (the input scaling folded into the first layer, the first layer over the non-zero
 * raw values), against the plain encoding and the one-by-one prediction.
 */
class RawInputsTest {

  /**
   * Pixels that are often 0 (pixel0-pixel4 non-zero in 60 % of the rows, pixel5-pixel9 in 10 %, pixel10-pixel19 in
   * 1 %: in a block of 512 rows, columns for the dense product and columns whose values are added one by one), a
   * numeric attribute far from 0 (near 1e6, varying by a few units: folded, its raw values and shift would cancel),
   * a date, and a nominal attribute; missing values in all of them but pixel10-pixel19; a nominal class.
   */
  private static Instances data(int n, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int p = 0; p < 20; p++) {
      attributes.add(new Attribute("pixel" + p));
    }
    attributes.add(new Attribute("far"));
    attributes.add(new Attribute("when", "yyyy-MM-dd"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green", "blue", "never")));
    attributes.add(new Attribute("class", Arrays.asList("a", "b", "c")));
    Instances data = new Instances("raw", attributes, n);
    data.setClassIndex(attributes.size() - 1);
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      double[] v = new double[attributes.size()];
      for (int p = 0; p < 20; p++) {
        v[p] = random.nextDouble() < (p < 5 ? 0.6 : p < 10 ? 0.1 : 0.01) ? 1 + random.nextInt(255) : 0;
      }
      v[20] = 1e6 + random.nextGaussian() * 3;
      v[21] = 86_400_000.0 * (18_000 + random.nextInt(300));
      v[22] = random.nextInt(3);
      v[23] = (v[0] + v[20] - 1e6 > 100 ? 1 : 0) + (v[22] == 2 ? 1 : 0);
      for (int a = 0; a < 23; a++) {
        // pixel10-pixel19 keep their rare values: a missing one would become the (non-zero) mean
        if ((a < 10 || a >= 20) && random.nextDouble() < 0.03) {
          v[a] = Utils.missingValue();
        }
      }
      data.add(new DenseInstance(1, v));
    }
    return data;
  }

  @Test
  void rawValuesThroughTheAffineMapGiveTheEncoding() {
    Instances data = data(300, 1);
    for (InputScaling scaling : InputScaling.values()) {
      InstancesEncoder encoder = InstancesEncoder.fit(data, scaling);
      InstancesEncoder.RawInputs raw = encoder.rawInputs();
      double[] scale = raw.scale();
      double[] shift = raw.shift();
      int far = 20; // the columns follow the attributes: 20 pixels, then far
      assertEquals(1.0, scale[far], 0.0, scaling + ": the far column is written encoded");
      assertEquals(0.0, shift[far], 0.0, scaling + ": the far column is written encoded");
      int columns = encoder.numColumns();
      double[] values = new double[columns + 2];
      double[] encoded = new double[columns];
      Instances test = data(200, 2);
      test.instance(3).setValue(22, 3); // a value training never saw: no column
      for (Instance instance : test) {
        encoder.encode(instance, encoded, 0);
        Arrays.fill(values, Double.NaN);
        raw.write(instance, values, 1);
        assertTrue(Double.isNaN(values[0]) && Double.isNaN(values[columns + 1]), "wrote outside its row");
        for (int c = 0; c < columns; c++) {
          double fromRaw = scale[c] * values[c + 1] + shift[c];
          assertEquals(encoded[c], fromRaw, 1e-12 * (1 + Math.abs(encoded[c])), scaling + ", column " + c);
        }
      }
    }
  }

  @Test
  void batchPredictionFromRawValuesAgreesWithOneByOnePrediction() throws Exception {
    Instances train = data(400, 3);
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    // 256 units: wide enough for the blocks to leave out the rare pixels' columns
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "256,16", "-max-iter", "20", "-num-threads", "2"});
    mlp.buildClassifier(train);
    Instances test = data(2000, 4); // 2,000 x 10,500 multiply-adds: off the heap, four blocks
    test.instance(7).setValue(22, 3);
    Instances sparse = new Instances(test, test.numInstances());
    for (Instance instance : test) {
      sparse.add(new SparseInstance(instance));
    }
    double[][] batch = mlp.distributionsForInstances(test);
    double[][] sparseBatch = mlp.distributionsForInstances(sparse);
    for (int i = 0; i < test.numInstances(); i++) {
      double[] single = mlp.distributionForInstance(test.instance(i));
      assertArrayEquals(single, batch[i], 1e-12, "row " + i);
      assertArrayEquals(batch[i], sparseBatch[i], 0.0, "row " + i + " as a SparseInstance");
    }
  }

  @Test
  void anInfiniteValueInALargeBatchIsNamed() throws Exception {
    Instances train = data(400, 5);
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "64", "-max-iter", "2"});
    mlp.buildClassifier(train);
    Instances test = data(2000, 6);
    test.instance(1500).setValue(3, Double.POSITIVE_INFINITY);
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.distributionsForInstances(test));
    assertEquals("Attribute 'pixel3' has the infinite value Infinity; replace it with a finite number or mark it "
      + "missing ('?').", e.getMessage());
  }
}
