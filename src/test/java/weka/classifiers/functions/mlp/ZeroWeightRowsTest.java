package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Rows of weight 0 do not influence the model in any way (the README says they are ignored): a data set with
 * extra zero-weight rows of wild values (huge numbers, a nominal value and a class that no other row has, missing
 * values) trains the same model, to the last bit, as the data set without them, with the default options, with
 * early stopping, and with lbfgs, for both classes.
 */
class ZeroWeightRowsTest {

  private static final String[][] OPTION_SETS = {
    {}, // the defaults: adam, standardize, no early stopping
    {"-early-stopping", "-max-iter", "60"},
    {"-solver", "lbfgs", "-max-iter", "60"}};

  /**
   * Attributes x1, x2 (numeric), colour {red, green, blue, purple}, and the class: nominal {a, b, c, d} or numeric.
   * Only zero-weight rows use purple and d.
   */
  private static Instances header(boolean nominalClass) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x1"));
    attributes.add(new Attribute("x2"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green", "blue", "purple")));
    attributes.add(nominalClass ? new Attribute("class", Arrays.asList("a", "b", "c", "d")) : new Attribute("y"));
    Instances data = new Instances(nominalClass ? "zero-weights-class" : "zero-weights-numeric", attributes, 100);
    data.setClassIndex(3);
    return data;
  }

  /** 80 ordinary rows with weights 0.5, 1 and 2 and a few missing values. */
  private static Instance ordinary(Random random, boolean nominalClass) {
    double x1 = random.nextGaussian();
    double x2 = 3 + 2 * random.nextGaussian();
    int colour = random.nextInt(3);
    double y = nominalClass ? (x1 + 0.3 * x2 > 1.2 ? 1 : 0) + (colour == 2 ? 1 : 0) : 2 * x1 - x2 + colour;
    double[] values = {x1, x2, colour, y};
    if (random.nextInt(10) == 0) {
      values[random.nextInt(3)] = Utils.missingValue();
    }
    return new DenseInstance(new double[] {0.5, 1.0, 2.0}[random.nextInt(3)], values);
  }

  /** A zero-weight row with values no ordinary row has. */
  private static Instance wild(Random random, boolean nominalClass) {
    double[] values = {random.nextBoolean() ? 1e300 : -1e300, 5e307 * random.nextDouble(), 3,
      nominalClass ? 3 : 1e250};
    if (random.nextInt(3) == 0) {
      values[random.nextInt(3)] = Utils.missingValue();
    }
    return new DenseInstance(0.0, values);
  }

  /** @return {the data, the same data with 20 wild zero-weight rows mixed in} */
  private static Instances[] dataWithAndWithoutZeroWeightRows(boolean nominalClass) {
    Random random = new Random(42);
    Instances without = header(nominalClass);
    Instances with = header(nominalClass);
    int added = 0;
    while (without.numInstances() < 80) {
      if (added < 20 && random.nextInt(4) == 0) {
        with.add(wild(random, nominalClass));
        added++;
      }
      Instance row = ordinary(random, nominalClass);
      without.add(row);
      with.add((Instance) row.copy());
    }
    with.add(wild(random, nominalClass)); // also as the last row
    return new Instances[] {without, with};
  }

  private static double[] predictions(AbstractMultilayerPerceptron mlp, Instances test) throws Exception {
    double[][] distributions = mlp.distributionsForInstances(test);
    int k = distributions[0].length;
    double[] flat = new double[distributions.length * k];
    for (int i = 0; i < distributions.length; i++) {
      System.arraycopy(distributions[i], 0, flat, i * k, k);
    }
    return flat;
  }

  private static void assertSameModel(boolean nominalClass) throws Exception {
    Instances[] sets = dataWithAndWithoutZeroWeightRows(nominalClass);
    for (String[] options : OPTION_SETS) {
      AbstractMultilayerPerceptron without = nominalClass ? new MultilayerPerceptronClassifier()
        : new MultilayerPerceptronRegressor();
      without.setOptions(options.clone());
      without.buildClassifier(sets[0]);
      AbstractMultilayerPerceptron with = nominalClass ? new MultilayerPerceptronClassifier()
        : new MultilayerPerceptronRegressor();
      with.setOptions(options.clone());
      with.buildClassifier(sets[1]);
      String name = (nominalClass ? "classifier " : "regressor ") + Arrays.toString(options);
      assertEquals(without.getTrainingHistory().epochs(), with.getTrainingHistory().epochs(), name);
      assertArrayEquals(without.getTrainingHistory().lossCurve(), with.getTrainingHistory().lossCurve(), 0.0,
        name);
      // test rows: the ordinary rows (missing values included) and ones with the colour only zero-weight rows had
      Instances test = new Instances(sets[0]);
      for (int i = 0; i < 5; i++) {
        Instance row = (Instance) sets[0].instance(i).copy();
        row.setValue(2, 3);
        test.add(row);
      }
      assertArrayEquals(predictions(without, test), predictions(with, test), 0.0, name);
    }
  }

  @Test
  void theClassifierIgnoresZeroWeightRows() throws Exception {
    assertSameModel(true);
  }

  @Test
  void theRegressorIgnoresZeroWeightRows() throws Exception {
    assertSameModel(false);
  }
}
