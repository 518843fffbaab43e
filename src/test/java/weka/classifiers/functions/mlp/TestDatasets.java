package weka.classifiers.functions.mlp;

import java.util.ArrayList;
import java.util.Arrays;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Data sets shared by the tests. */
public final class TestDatasets {

  private TestDatasets() {
  }

  /**
   * @param file a file name in datasets/
   * @return the data with the last attribute as class
   * @throws Exception if the file cannot be read
   */
  public static Instances load(String file) throws Exception {
    Instances data = DataSource.read("datasets/" + file);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** @return the four rows of XOR with a nominal class */
  public static Instances xor() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("a"));
    attributes.add(new Attribute("b"));
    attributes.add(new Attribute("xor", Arrays.asList("false", "true")));
    Instances data = new Instances("xor", attributes, 4);
    data.setClassIndex(2);
    double[][] rows = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    for (double[] row : rows) {
      data.add(new DenseInstance(1.0, row));
    }
    return data;
  }
}
