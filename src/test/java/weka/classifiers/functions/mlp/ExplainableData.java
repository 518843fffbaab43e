package weka.classifiers.functions.mlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * A synthetic data set where only known attributes matter, for the tests of explanations: numeric {@code x0} and
 * {@code x2} and nominal {@code n4} decide the class, numeric {@code noise1}, {@code noise3} and nominal
 * {@code noise5} are independent of it. The score is {@code 2 x0 - 1.5 x2 + e(n4)} with {@code e(a) = 1.5},
 * {@code e(b) = -1.5}, {@code e(c) = 0}; the nominal class is {@code pos} when the score is positive, the numeric
 * class is the score plus a little noise.
 */
public final class ExplainableData {

  /** The indices of the attributes that matter. */
  public static final int[] RELEVANT = {0, 2, 4};

  private ExplainableData() {
  }

  /**
   * @param rows number of rows
   * @param seed seed of the values
   * @param numericClass true for the numeric class, false for the nominal one
   * @return the data, class last
   */
  public static Instances generate(int rows, long seed, boolean numericClass) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x0"));
    attributes.add(new Attribute("noise1"));
    attributes.add(new Attribute("x2"));
    attributes.add(new Attribute("noise3"));
    attributes.add(new Attribute("n4", Arrays.asList("a", "b", "c")));
    attributes.add(new Attribute("noise5", Arrays.asList("p", "q")));
    attributes.add(numericClass ? new Attribute("y") : new Attribute("class", Arrays.asList("neg", "pos")));
    Instances data = new Instances(numericClass ? "explainable-numeric" : "explainable", attributes, rows);
    data.setClassIndex(6);
    Random random = new Random(seed);
    double[] effect = {1.5, -1.5, 0.0};
    for (int i = 0; i < rows; i++) {
      double[] v = new double[7];
      v[0] = random.nextGaussian();
      v[1] = random.nextGaussian();
      v[2] = random.nextGaussian();
      v[3] = 4 * random.nextDouble();
      v[4] = random.nextInt(3);
      v[5] = random.nextInt(2);
      double score = 2 * v[0] - 1.5 * v[2] + effect[(int) v[4]];
      v[6] = numericClass ? score + 0.1 * random.nextGaussian() : (score > 0 ? 1 : 0);
      data.add(new DenseInstance(1.0, v));
    }
    return data;
  }
}
